// The two hosts the core-process benchmark compares: the core in the host's own process (as before issue 9) and in its
// own process (as now), each opened on a terminal set up for the sandbox environment.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Dispatch } from '../../../app/contract-check.ts';
import { fileLogger } from '../../../app/logging/logger.ts';
import { hashPin } from '../../../app/manager/pin.ts';
import { pepperForNewPin } from '../../../app/manager/pin-pepper.ts';
import { loadPrivateKey, publicKeyFingerprint, publicKeyPem } from '../../../app/rm/keys.ts';
import { SettingsStore } from '../../../app/settings.ts';
import { CoreProcess } from '../../../main/core-process/core-process.ts';
import { nodeCoreLauncher } from '../../../main/core-process/node-launcher.ts';
import { MemorySecretStore } from '../../fixtures/memory-secret-store.ts';
import { TEST_CALLER } from '../../fixtures/test-caller.ts';
import type { BenchCredentials } from './bench-rm.ts';

export type Mode = 'in-process' | 'core process';
export const MODES: readonly Mode[] = ['in-process', 'core process'];

export interface Host {
  dispatch: Dispatch;
  close(): Promise<void>;
}

export interface Setup {
  dataDir: string;
  secrets: MemorySecretStore;
  rmUrl: string;
}

export async function openHost(mode: Mode, setup: Setup): Promise<Host> {
  const rmHosts = { apiUrl: setup.rmUrl, oauthUrl: setup.rmUrl };
  const common = { host: 'browser' as const, version: 'bench', downloadsDir: join(setup.dataDir, 'Downloads') };
  const noTraining = (): Promise<never> => Promise.reject(new Error('the benchmark uses the sandbox environment'));
  // The host logs as main and the browser host do: to kaunter.log in the data folder, at the level KAUNTER_LOG_LEVEL says.
  const log = fileLogger({ dir: setup.dataDir, echo: null });
  if (mode === 'in-process') {
    // Loaded only here: a host with the core in its own process does not hold the core's code, as Electron main does not.
    const { KaunterCore } = await import('../../../app/core/kaunter-core.ts');
    const { createDispatcher } = await import('../../../app/dispatch.ts');
    const core = await KaunterCore.open({
      dataDir: setup.dataDir,
      ports: { ...common, secrets: () => setup.secrets, scanner: null, trainingRm: noTraining, rmHosts: () => rmHosts, log },
      emit: () => undefined,
    });
    return { dispatch: createDispatcher(core), close: () => core.close() };
  }
  const core = await CoreProcess.start(nodeCoreLauncher(), {
    init: { ...common, dataDir: setup.dataDir, rmHosts: { sandbox: rmHosts } },
    secrets: () => setup.secrets,
    scanner: null,
    trainingRm: noTraining,
    log,
    emit: () => undefined,
  });
  return { dispatch: core.dispatch, close: () => core.close() };
}

/** A terminal set up for the sandbox environment, its RM app's secrets in a memory keychain the host holds. */
export async function terminal(dir: string, credentials: BenchCredentials | null, rmUrl: string): Promise<Setup> {
  mkdirSync(dir, { recursive: true });
  const secrets = new MemorySecretStore();
  const key = credentials ? loadPrivateKey(credentials.privateKeyPem) : null;
  const pin = await hashPin('2468', await pepperForNewPin(secrets));
  new SettingsStore(dir).update((s) => {
    s.environment = 'sandbox';
    s.setupComplete = true;
    s.manager = { ...s.manager, name: 'Siti', pin };
    if (credentials && key) s.rm.sandbox = { clientId: credentials.app.clientId, secretSet: true, keyFingerprint: publicKeyFingerprint(key), publicKeyPem: publicKeyPem(key) };
    return s;
  });
  if (credentials) {
    await secrets.set('privateKey', credentials.privateKeyPem);
    await secrets.set('clientSecret', credentials.app.clientSecret);
  }
  return { dataDir: dir, secrets, rmUrl };
}

export async function call(host: Host, method: string, payload: unknown): Promise<unknown> {
  const result = await host.dispatch(TEST_CALLER, method, payload);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}
