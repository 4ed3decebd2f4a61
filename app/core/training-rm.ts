// Training's Revenue Monster: the embedded sandbox on loopback, with one throwaway app whose key pair is made for this
// run. A host starts it once, the first time the core asks, and keeps it until the host closes: switching environments
// or restarting the core process does not reset the demo balances, the ledger or the claim links already shown. Its
// state and port are kept in the data folder, so they survive a restart of Kaunter too.
import { join } from 'node:path';
import { silentLogger, type Logger } from '../logging/logger.ts';
import { generateKeyPair } from '../rm/keys.ts';
import { startSandbox, type RunningSandbox } from '../sandbox/index.ts';
import type { TrainingRm } from './ports.ts';

const TRAINING_APP = { clientId: 'kaunter-training', clientSecret: 'kaunter-training-secret' };

export interface TrainingRmHost {
  /** Starts the sandbox on first use; later calls get the same one. */
  get(): Promise<TrainingRm>;
  /** The running sandbox, for trainers' tools and tests (its ledger, members and faults); null before first use. */
  readonly sandbox: RunningSandbox | null;
  close(): Promise<void>;
}

/** Where training's sandbox keeps its members, ledger, claim QRs and port. */
export function trainingStateFile(dataDir: string): string {
  return join(dataDir, 'training-sandbox.json');
}

export function trainingRmHost(dataDir: string, log: Logger = silentLogger()): TrainingRmHost {
  let starting: Promise<{ rm: TrainingRm; sandbox: RunningSandbox }> | null = null;
  let running: RunningSandbox | null = null;
  return {
    get() {
      starting ??= start(trainingStateFile(dataDir), log).then((started) => {
        running = started.sandbox;
        return started;
      });
      return starting.then((started) => started.rm);
    },
    get sandbox() {
      return running;
    },
    async close() {
      const started = await starting?.catch(() => null);
      await started?.sandbox.close();
    },
  };
}

async function start(stateFile: string, log: Logger): Promise<{ rm: TrainingRm; sandbox: RunningSandbox }> {
  const keys = await generateKeyPair();
  const sandbox = await startSandbox({ apps: [{ ...TRAINING_APP, publicKeyPem: keys.publicKeyPem }], stateFile, log: (line) => log.info(`training RM: ${line}`) });
  return { rm: { url: sandbox.url, credentials: { ...TRAINING_APP, privateKeyPem: keys.privateKeyPem } }, sandbox };
}
