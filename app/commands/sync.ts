// `kaunter sync`: push this terminal's records to the hub now; with --until-synced, wait out hub outages until the hub
// has acknowledged everything.
import { Option, type Command } from 'commander';
import { openDatabase } from '../store/database.ts';
import { hubLink } from '../store/hub-sync.ts';
import { readCredentialFile } from '../sync/credential-file.ts';
import { HubClient } from '../sync/hub-client.ts';
import { describeSyncStatus, HubPusher, type PassResult } from '../sync/pusher.ts';
import { dbPathOf, type DeskCommandOptions } from './desk.ts';
import { counted } from './format.ts';
import { addCounterDbOptions } from './hub.ts';

interface SyncOptions extends Pick<DeskCommandOptions, 'db' | 'env'> {
  untilSynced?: boolean;
}

export function registerSyncCommand(program: Command): void {
  addCounterDbOptions(
    program
      .command('sync')
      .description('Push this terminal\'s awards, attempts and events to the head-office hub (exit 0 synced, 2 waiting, 4 refused).')
      .addOption(new Option('--until-synced', 'wait out hub outages and exit once the hub has acknowledged everything')),
  ).action((options: SyncOptions) => runSync(options));
}

async function runSync(options: SyncOptions): Promise<void> {
  const dbPath = dbPathOf({ ...options, terminal: '' });
  const credential = readCredentialFile(dbPath);
  if (!credential) throw new Error('This database has not joined a hub: run `kaunter hub join --hub URL --code CODE` first.');
  const db = openDatabase(dbPath);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // Joined, but the restore that comes first was cut short: nothing may be sent before the history is here.
    if (!hubLink(db)) throw new Error('This terminal\'s history is not all here yet: run `kaunter hub restore` to finish it, then sync.');
    const pusher = new HubPusher({ db, client: new HubClient(credential.hub, credential.credential) });
    let events = 0;
    let awards = 0;
    let pass: PassResult;
    for (;;) {
      pass = await pusher.pushPending();
      events += pass.events;
      awards += pass.awards;
      if (!options.untilSynced || pass.status.kind === 'synced' || pass.status.kind === 'refused' || stop.signal.aborted) break;
      process.stderr.write(`${describeSyncStatus(pass.status)}; trying again\n${hubSaid(pass)}`);
      await sleep(pusher.nextDelayMs(pass.status), stop.signal);
    }
    const status = pass.status;
    console.log(`pushed ${counted(events, 'event')} of ${counted(awards, 'award')}; ${describeSyncStatus(status)}`);
    process.stderr.write(hubSaid(pass));
    process.exitCode = status.kind === 'synced' ? 0 : status.kind === 'refused' ? 4 : 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    db.close();
  }
}

/**
 * Why the hub is not taking the records now, in its own words (or the network's), as a line of its own: the status
 * line's short form leaves it out.
 */
function hubSaid(pass: PassResult): string {
  const { status } = pass;
  const words = pass.hubAskedToWait ?? (status.kind === 'unreachable' || status.kind === 'refused' ? status.message : null);
  return words === null ? '' : `${words}\n`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
