// Training's Revenue Monster: the embedded sandbox on loopback, with one throwaway app whose key pair is made for this
// run. A host starts it once, the first time the core asks, and keeps it until the host closes: switching environments
// or restarting the core process does not reset the demo balances, the ledger or the claim links already shown. Its
// state and port are kept in the data folder, so they survive a restart of Kaunter too.
import { join } from 'node:path';
import { silentLogger, type Logger } from '../logging/logger.ts';
import { generateKeyPair } from '../rm/keys.ts';
import { startSandbox, type RunningSandbox } from '../sandbox/index.ts';
import { fromFileError } from '../store/errors.ts';
import type { TrainingRm } from './ports.ts';

const TRAINING_APP = { clientId: 'kaunter-training', clientSecret: 'kaunter-training-secret' };
/** The errno codes of a data folder that is full, read-only, or not there: fromFileError has words for each. */
const FILE_SYSTEM_PROBLEMS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EISDIR']);

export interface TrainingRmHost {
  /** Starts the sandbox on first use; later calls get the same one. A start that failed is tried again at the next call. */
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
      starting ??= startOnce();
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

  // A failure is not kept: once the manager has freed space or fixed the folder, training starts without a restart.
  function startOnce(): Promise<{ rm: TrainingRm; sandbox: RunningSandbox }> {
    const attempt = start(trainingStateFile(dataDir), log).then(
      (started) => {
        running = started.sandbox;
        return started;
      },
      (error: unknown) => {
        if (starting === attempt) starting = null;
        throw error;
      },
    );
    return attempt;
  }
}

async function start(stateFile: string, log: Logger): Promise<{ rm: TrainingRm; sandbox: RunningSandbox }> {
  const keys = await generateKeyPair();
  const sandbox = await startSandbox({ apps: [{ ...TRAINING_APP, publicKeyPem: keys.publicKeyPem }], stateFile, log: (line) => log.info(`training RM: ${line}`) }).catch(
    (error: unknown) => {
      throw inShopWords(error, stateFile);
    },
  );
  return { rm: { url: sandbox.url, credentials: { ...TRAINING_APP, privateKeyPem: keys.privateKeyPem } }, sandbox };
}

/**
 * A full or read-only data folder in the words the awards database uses for it (what happened, what to do), not an
 * errno. Only a file-system error is reworded: anything else is passed on as it is.
 */
function inShopWords(error: unknown, stateFile: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && FILE_SYSTEM_PROBLEMS.has(code) ? fromFileError(error, stateFile) : error;
}
