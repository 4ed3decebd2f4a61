// What the award commands share: the database for the chosen environment and, when credentials are given, the relay.
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { AwardDesk } from '../awards/award-desk.ts';
import { httpProbe } from '../awards/connectivity.ts';
import { fileLogger, type Logger } from '../logging/logger.ts';
import { RelayLock } from '../awards/relay-lock.ts';
import { databasePath, defaultDataDir } from '../paths.ts';
import { RM_HOSTS } from '../rm/hosts.ts';
import { connectToRm } from '../rm/connection.ts';
import type { LoyaltyApi } from '../rm/loyalty.ts';
import { closeIdleConnections } from '../rm/transport.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { addRmOptions, environmentOf, hasRmCredentials, rmCredentialsFrom, rmHostsFrom, type RmCommandOptions } from './rm-options.ts';

export interface DeskCommandOptions extends RmCommandOptions {
  db?: string;
  terminal: string;
}

export function addDeskOptions(command: Command): Command {
  return addRmOptions(command)
    .addOption(new Option('--db <file>', 'the awards database (default: the environment\'s file in Kaunter\'s data folder)').env('KAUNTER_DB'))
    .addOption(new Option('--terminal <id>', 'terminal id recorded on new awards').env('KAUNTER_TERMINAL').default(`cli-${hostname()}`));
}

export function dbPathOf(options: DeskCommandOptions): string {
  // An empty path would open a throwaway database (the awards gone when the command ends), its log in this folder.
  if (options.db?.trim() === '') {
    throw new Error('--db (or KAUNTER_DB) is empty. Give the awards database\'s file, or leave both out for the environment\'s database in Kaunter\'s data folder.');
  }
  return options.db ?? databasePath(defaultDataDir(), environmentOf(options));
}

/** The database a command only reads from, said on stderr (stdout stays clean for a pipe). */
export function openDb(options: DeskCommandOptions, command: string): Db {
  const dbPath = dbPathOf(options);
  console.error(`kaunter ${command}: reading ${whichDb(options, dbPath)}`);
  return openDatabase(dbPath);
}

/** The database's path, and where it comes from when the user did not choose it. */
function whichDb(options: DeskCommandOptions, dbPath: string): string {
  return `${dbPath}${options.db ? '' : ` (the ${environmentOf(options)} database in Kaunter's data folder; --db FILE for another)`}`;
}

/** Whether another process (the app, or `kaunter drain`) is this database's relay right now. */
export function relayHeldElsewhere(dbPath: string): boolean {
  const lock = RelayLock.tryAcquire(dbPath);
  lock?.release();
  return lock === null;
}

/**
 * Who sends an award queued in this database, and with which RM: the Kaunter already sending for it uses its own RM
 * settings, never the RM options given to a command that only queues (the app's training database goes to the app's
 * built-in training RM, not to a sandbox the user started).
 */
function whoSends(options: DeskCommandOptions, dbPath: string): string {
  const given = options.apiUrl ?? (hasRmCredentials(options) ? 'the RM given to this command' : null);
  const notGiven = given ? ` (not ${given}: this command only queues)` : '';
  if (!relayHeldElsewhere(dbPath)) {
    return `Nothing is sent from here${notGiven}: \`kaunter drain\` on this database sends it to the RM you give drain, or Kaunter does when it opens this database.`;
  }
  const env = environmentOf(options);
  const rm = options.db ? 'the RM it was given' : env === 'training' ? "its built-in training RM" : `Revenue Monster's ${env} (${RM_HOSTS[env].apiUrl})`;
  return `The Kaunter already running on this database (the desktop app, or \`kaunter drain\`) sends it, with ${rm}${notGiven}.`;
}

export interface OpenDesk {
  db: Db;
  desk: AwardDesk;
  loyalty: LoyaltyApi | null;
  /** With `sends: false`: who will send what this command queues, and to which RM, in a sentence. */
  sender: string;
  /** kaunter.log beside the database: what the command did, as the app logs what it does. */
  log: Logger;
  close(): Promise<void>;
}

/**
 * The desk with RM attached when credentials are given (else awards can only be queued). `sends: false` (a command that
 * only queues) attaches no RM whatever is given, and says who will send instead.
 */
export function openDesk(options: DeskCommandOptions, { needRm, command, sends = true }: { needRm: boolean; command: string; sends?: boolean }): OpenDesk {
  const dbPath = dbPathOf(options);
  const log = fileLogger({ dir: dirname(dbPath), echo: null });
  const credentials = sends && (needRm || hasRmCredentials(options)) ? rmCredentialsFrom(options) : null;
  if (credentials) [credentials.clientSecret, credentials.privateKeyPem].forEach((secret) => log.redactor.add(secret));
  const rm = credentials ? connectToRm({ hosts: rmHostsFrom(options), credentials }) : null;
  const db = openDatabase(dbPath);
  const sender = sends ? '' : whoSends(options, dbPath);
  // Said on every run: which awards this command touches, and which RM it talks to (the app's database is the default),
  // or, for a command that only queues, who will send them and to which RM.
  const using = `${whichDb(options, dbPath)}${sends ? (rm ? `, RM at ${rmHostsFrom(options).apiUrl}` : ', no RM') : `. ${sender}`}`;
  console.error(`kaunter ${command}: using ${using}`);
  log.info(`cli ${command}: using ${using}`);
  const hosts = rm ? rmHostsFrom(options) : { apiUrl: '', oauthUrl: '' };
  const desk = new AwardDesk({ db, dbPath, terminalId: options.terminal, loyalty: rm?.loyalty ?? null, probe: httpProbe(hosts.apiUrl, hosts.oauthUrl) });
  return {
    db,
    desk,
    loyalty: rm?.loyalty ?? null,
    sender,
    log,
    async close() {
      await desk.close();
      db.close();
      closeIdleConnections();
    },
  };
}
