// What the award commands share: the database for the chosen environment and, when credentials are given, the relay.
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { AwardDesk } from '../awards/award-desk.ts';
import { httpProbe } from '../awards/connectivity.ts';
import { fileLogger, type Logger } from '../logging/logger.ts';
import { databasePath, defaultDataDir } from '../paths.ts';
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

export function openDb(options: DeskCommandOptions): Db {
  return openDatabase(dbPathOf(options));
}

export interface OpenDesk {
  db: Db;
  desk: AwardDesk;
  loyalty: LoyaltyApi | null;
  /** kaunter.log beside the database: what the command did, as the app logs what it does. */
  log: Logger;
  close(): Promise<void>;
}

/** The desk with RM attached when credentials are given (else awards can only be queued). */
export function openDesk(options: DeskCommandOptions, { needRm, command }: { needRm: boolean; command: string }): OpenDesk {
  const dbPath = dbPathOf(options);
  const log = fileLogger({ dir: dirname(dbPath), echo: null });
  const credentials = needRm || hasRmCredentials(options) ? rmCredentialsFrom(options) : null;
  if (credentials) [credentials.clientSecret, credentials.privateKeyPem].forEach((secret) => log.redactor.add(secret));
  const rm = credentials ? connectToRm({ hosts: rmHostsFrom(options), credentials }) : null;
  // Said on every run: which awards this command touches, and which RM it talks to (the app's database is the default).
  const using = `${dbPath}${options.db ? '' : ` (the ${environmentOf(options)} database in Kaunter's data folder; --db FILE for another)`}${rm ? `, RM at ${rmHostsFrom(options).apiUrl}` : ', no RM'}`;
  console.error(`kaunter ${command}: using ${using}`);
  log.info(`cli ${command}: ${using}`);
  const db = openDatabase(dbPath);
  const apiUrl = rm ? rmHostsFrom(options).apiUrl : '';
  const desk = new AwardDesk({ db, dbPath, terminalId: options.terminal, loyalty: rm?.loyalty ?? null, probe: httpProbe(apiUrl) });
  return {
    db,
    desk,
    loyalty: rm?.loyalty ?? null,
    log,
    async close() {
      await desk.close();
      db.close();
      closeIdleConnections();
    },
  };
}
