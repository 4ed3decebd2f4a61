// One environment's running parts: its own database file, its RM connection (the embedded sandbox with throwaway keys
// in training; the keychain's credentials against RM's hosts otherwise) and the award desk on top of them.
import type { Award } from '../awards/award.ts';
import type { AwardDesk } from '../awards/award-desk.ts';
import { AwardDesk as Desk } from '../awards/award-desk.ts';
import { AwardHistory } from '../awards/award-history.ts';
import { httpProbe } from '../awards/connectivity.ts';
import { databasePath } from '../paths.ts';
import { connectToRm, type RmConnection } from '../rm/connection.ts';
import { RM_HOSTS, type Environment, type RmHosts } from '../rm/hosts.ts';
import { loadPrivateKey, publicKeyFingerprint, publicKeyPem } from '../rm/keys.ts';
import type { SecretRead, SecretStore } from '../secrets.ts';
import type { SettingsStore } from '../settings.ts';
import { ShiftBook } from '../shifts/shifts.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { watchOtherWriters } from '../store/other-writers.ts';
import { Disposables } from './disposables.ts';
import { TrailMarker } from './trail-mark.ts';
import type { CorePorts, EventSink, TrainingRm } from './ports.ts';

export type CredentialsState = 'ready' | 'needs-setup' | 'needs-reprovisioning' | 'keychain-unavailable' | 'training';

export interface RuntimeCredentials {
  state: CredentialsState;
  message: string;
  clientId: string | null;
  clientSecretSet: boolean;
  publicKeyPem: string | null;
  fingerprint: string | null;
}

export interface EnvironmentRuntime {
  environment: Environment;
  db: Db;
  dbPath: string;
  desk: AwardDesk;
  history: AwardHistory;
  /** The cashiers' shifts at this terminal, in this environment's database. */
  shifts: ShiftBook;
  rm: RmConnection | null;
  credentials: RuntimeCredentials;
  close(): Promise<void>;
}

/** Who hears of the environment's changes: the contract's events, and the core's own follow-ups. */
export interface EnvironmentListeners {
  emit: EventSink;
  onQueueChange: () => void;
  /** After the award's own event: the core's customer display and member look-ups follow it. */
  onAwardChanged: (award: Award) => void;
}

export async function openEnvironment(
  environment: Environment,
  dataDir: string,
  settings: SettingsStore,
  ports: CorePorts,
  listeners: EnvironmentListeners,
): Promise<EnvironmentRuntime> {
  const connection =
    environment === 'training'
      ? trainingConnection(await ports.trainingRm())
      : await keychainConnection(settings, ports.secrets(environment), environment, ports.rmHosts?.(environment) ?? RM_HOSTS[environment]);
  const dbPath = databasePath(dataDir, environment);
  const owned = new Disposables();
  try {
    const db = owned.add(openDatabase(dbPath), (opened) => {
      opened.close();
    });
    let trail: TrailMarker | null = null;
    const desk = owned.add(openDesk(db, dbPath, connection, settings, ports, listeners, () => trail?.advance()), (opened) => opened.close());
    owned.add(watchOtherWriters(db, listeners.onQueueChange), (stop) => stop());
    // Only an environment that sends to the real RM: training's sandbox is on this PC, and gives no real points.
    if (environment !== 'training' && connection.rm) {
      const store = ports.secrets(environment);
      trail = await TrailMarker.start({ db, store, holdQueue: () => desk.holdQueueOfCopy(), log: ports.log });
      if (trail) owned.add(trail, (marker) => marker.close());
    }
    desk.startRelayWhenFree();
    const shifts = new ShiftBook({ db, terminalId: settings.value.terminalId, now: ports.now ?? Date.now, onChange: (shift) => listeners.emit('shift.changed', { shift }) });
    return {
      environment,
      db,
      dbPath,
      desk,
      history: new AwardHistory(db),
      shifts,
      rm: connection.rm,
      credentials: connection.credentials,
      close: () => owned.dispose(),
    };
  } catch (error) {
    await owned.dispose();
    throw error;
  }
}

function openDesk(
  db: Db,
  dbPath: string,
  connection: Connection,
  settings: SettingsStore,
  ports: CorePorts,
  listeners: EnvironmentListeners,
  onSending: () => void,
): AwardDesk {
  const { emit, onQueueChange, onAwardChanged } = listeners;
  return new Desk({
    db,
    dbPath,
    terminalId: settings.value.terminalId,
    loyalty: connection.rm?.loyalty ?? null,
    probe: httpProbe(connection.apiUrl, connection.oauthUrl),
    ...(ports.now ? { now: ports.now } : {}),
    onAwardChanged: (award) => {
      if (award.state === 'SENDING') onSending();
      logAward(ports, award);
      emit('award.updated', award);
      onAwardChanged(award);
      onQueueChange();
    },
    onReachability: onQueueChange,
    onRelayStatus: (status) => {
      if (status.paused) ports.log?.warn(`relay: sending paused (${status.paused.code}): ${status.paused.message}`);
      onQueueChange();
    },
    onSlow: (id) => emit('award.slow', { id }),
    log: (line) => ports.log?.warn(line),
  });
}

/** Awards that need a person (UNKNOWN, REJECTED) are worth a warning; the rest only at debug level. */
function logAward(ports: CorePorts, award: Award): void {
  const line = `award ${award.id}: ${award.state}${award.lastError ? ` (${award.lastError.code})` : ''}`;
  if (award.state === 'UNKNOWN' || award.state === 'REJECTED') ports.log?.warn(line);
  else ports.log?.debug(line);
}

interface Connection {
  rm: RmConnection | null;
  apiUrl: string;
  oauthUrl: string;
  credentials: RuntimeCredentials;
}

/** Training: the host's sandbox on loopback with a throwaway key; nothing touches the keychain or the real RM. */
function trainingConnection(training: TrainingRm): Connection {
  const rm = connectToRm({ hosts: { apiUrl: training.url, oauthUrl: training.url }, credentials: training.credentials });
  const key = loadPrivateKey(training.credentials.privateKeyPem);
  return {
    rm,
    apiUrl: training.url,
    oauthUrl: training.url,
    credentials: {
      state: 'training',
      message: 'Training mode uses its own built-in Revenue Monster and throwaway keys. No real points are given.',
      clientId: training.credentials.clientId,
      clientSecretSet: true,
      publicKeyPem: publicKeyPem(key),
      fingerprint: publicKeyFingerprint(key),
    },
  };
}

async function keychainConnection(settings: SettingsStore, store: SecretStore, environment: 'sandbox' | 'production', hosts: RmHosts): Promise<Connection> {
  const saved = settings.value.rm[environment];
  const { apiUrl, oauthUrl } = hosts;
  const base = { clientId: saved.clientId, clientSecretSet: saved.secretSet, publicKeyPem: saved.publicKeyPem, fingerprint: saved.keyFingerprint };
  const privateKey = await store.get('privateKey', { configured: saved.keyFingerprint !== null });
  const clientSecret = await store.get('clientSecret', { configured: saved.secretSet });
  const problem = credentialsProblem(saved.clientId, privateKey, clientSecret);
  if (problem || privateKey.state !== 'found' || clientSecret.state !== 'found' || !saved.clientId) {
    return { rm: null, apiUrl, oauthUrl, credentials: { ...base, ...(problem ?? needsSetup()) } };
  }
  const refresh = await store.get('refreshToken');
  const rm = connectToRm({
    hosts,
    credentials: {
      clientId: saved.clientId,
      clientSecret: clientSecret.value,
      privateKeyPem: privateKey.value,
      refreshToken: refresh.state === 'found' ? refresh.value : null,
    },
    // The newest refresh token goes to the keychain; if that write fails, the next start signs in afresh.
    onRefreshToken: (token) => void store.set('refreshToken', token),
  });
  return { rm, apiUrl, oauthUrl, credentials: { ...base, state: 'ready', message: 'Connected to Revenue Monster with this terminal\'s key.' } };
}

function credentialsProblem(clientId: string | null, ...reads: SecretRead[]): Pick<RuntimeCredentials, 'state' | 'message'> | null {
  const unavailable = reads.find((read) => read.state === 'unavailable');
  if (unavailable?.state === 'unavailable') return { state: 'keychain-unavailable', message: unavailable.error.message };
  const lost = reads.find((read) => read.state === 'needs-reprovisioning');
  if (lost?.state === 'needs-reprovisioning') {
    return {
      state: 'needs-reprovisioning',
      message: `${lost.message} Until then awards are kept in the queue. A manager must enter the client secret and private key again (Settings > Revenue Monster).`,
    };
  }
  if (!clientId || reads.some((read) => read.state === 'absent')) return needsSetup();
  return null;
}

function needsSetup(): Pick<RuntimeCredentials, 'state' | 'message'> {
  return {
    state: 'needs-setup',
    message: 'Revenue Monster is not set up on this terminal yet. Awards are kept in the queue until a manager enters the client ID, secret and key.',
  };
}
