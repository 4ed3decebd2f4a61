// The counter's hub commands: `kaunter hub join` (exchange a one-time code for this terminal's credential; on a
// replacement PC, bring the terminal's history back first) and `kaunter hub restore` (finish that restore if it was
// cut short). The hub's own commands (migrate, serve, enrol, user add, history) are added to the same `hub` command by
// hub/cli.ts.
import { Option, type Command } from 'commander';
import { openDatabase, type Db } from '../store/database.ts';
import { readCredentialFile, writeCredentialFile, type HubCredential } from '../sync/credential-file.ts';
import { checkHubUrl, HubClient } from '../sync/hub-client.ts';
import { linkToHub } from '../store/hub-sync.ts';
import { carryOnRefusal, restoreNeeded } from '../sync/join-rules.ts';
import { linkOf } from '../sync/outgoing.ts';
import { RestoreError, restoreFromHub, type Restored } from '../sync/restore.ts';
import { say } from '../messages.ts';
import { addEnvironmentOption } from './rm-options.ts';
import { dbPathOf, type DeskCommandOptions } from './desk.ts';
import { counted } from './format.ts';
import { commandErrorText } from './operator-words.ts';
import { runMerge } from './hub-merge.ts';

type CounterDbOptions = Pick<DeskCommandOptions, 'db' | 'env'>;

export function addHubUrlOption(command: Command, description: string): Command {
  return command.addOption(new Option('--hub <url>', description).env('KAUNTER_HUB_URL'));
}

/** The counter's database, and nothing of RM: joining, restoring and syncing never talk to Revenue Monster. */
export function addCounterDbOptions(command: Command): Command {
  return addEnvironmentOption(command, 'whose database: training, sandbox or production').addOption(new Option('--db <file>', 'the awards database (default: the environment\'s file in Kaunter\'s data folder)').env('KAUNTER_DB'));
}

export function registerHubCommands(program: Command): Command {
  const hub = program.command('hub').description('Head office: join a hub, restore from it (counter); run one (hub).');
  addCounterDbOptions(
    addHubUrlOption(hub.command('join').description('Exchange a one-time enrolment code for this terminal\'s hub credential.'), 'the hub, like https://hub.example.com')
      .requiredOption('--code <code>', 'the one-time code from `kaunter hub enrol`'),
  ).action((options: CounterDbOptions & { hub?: string; code: string }) => runJoin(options));
  addCounterDbOptions(
    addHubUrlOption(hub.command('restore').description('Finish bringing this terminal\'s history back from the hub, when `hub join` could not.'), 'the hub (default: the one joined)')
      .option('--merge', 'on a PC put back from a backup copy, which the hub refuses: the hub\'s history into a new database, with the sales made here since; the old one is kept beside')
      .option('--code <code>', 'with --merge, for a counter joined in the app: a new code from `kaunter hub enrol` (the app keeps its credential in the keychain)'),
  ).action((options: CounterDbOptions & { hub?: string; merge?: boolean; code?: string }) => (options.merge ? runMerge(options) : runRestore(options)));
  return hub;
}

async function withDb<T>(options: CounterDbOptions, work: (db: Db, dbPath: string) => Promise<T> | T): Promise<T> {
  const dbPath = dbPathOf({ ...options, terminal: '' });
  const db = openDatabase(dbPath);
  try {
    return await work(db, dbPath);
  } finally {
    db.close();
  }
}

async function runJoin(options: CounterDbOptions & { hub?: string; code: string }): Promise<void> {
  if (!options.hub) throw new Error('Give the hub\'s address with --hub (or KAUNTER_HUB_URL).');
  const url = checkHubUrl(options.hub);
  const answer = await new HubClient(url, null).join(options.code);
  if (answer.kind !== 'ok') throw new Error(answer.message);
  const joined = answer.value;
  await withDb(options, async (db, dbPath) => {
    const refusal = carryOnRefusal(db, joined);
    if (refusal) throw new Error(say(refusal.key, refusal.params));
    const credential = { hub: url, terminalId: joined.terminalId, outlet: joined.outlet, terminal: joined.terminal, credential: joined.credential };
    const file = writeCredentialFile(dbPath, credential);
    console.log(`joined outlet "${joined.outlet}" as terminal "${joined.terminal}" (${joined.terminalId})`);
    console.log(`credential saved to ${file} (readable by this user only)`);
    // As the app joins: a replacement PC gets the terminal's history before it is linked. Linked first, a sale or a
    // sync in between would send events whose ids the history needs. Cut short, `kaunter hub restore` finishes it.
    if (restoreNeeded(db, joined)) {
      console.log('The hub holds this terminal\'s history: bringing it back first.');
      await restoreAndLink(db, url, credential).catch((error: unknown) => {
        throw restoreCutShort(error);
      });
      return;
    }
    linkToHub(db, linkOf(url, joined, joined.ackedSeq));
  });
}

async function runRestore(options: CounterDbOptions & { hub?: string }): Promise<void> {
  await withDb(options, async (db, dbPath) => {
    const credential = readCredentialFile(dbPath);
    if (!credential) throw new Error('This database has not joined a hub: run `kaunter hub join --hub URL --code CODE` first.');
    await restoreAndLink(db, checkHubUrl(options.hub ?? credential.hub), credential);
  });
}

/**
 * Why the restore that `hub join` began stopped, and what to do. One this database can never take says what to do itself;
 * the line or the disk failing, run `kaunter hub restore`. In the command line's words: a store error's are the app's,
 * and "the command" they say to run again is the restore (the join's code is spent).
 */
export function restoreCutShort(error: unknown): Error {
  if (error instanceof RestoreError && error.final) return error;
  return new Error(
    `${commandErrorText(error)}\nThis terminal's history is not all here yet. The command to run is \`kaunter hub restore\`, not \`hub join\` again (its code is spent): it finishes the restore; award nothing on this PC until it has.`,
  );
}

/** The terminal's history onto this database, then the link from where the hub has it: every event up to there is here. */
async function restoreAndLink(db: Db, url: string, credential: HubCredential): Promise<void> {
  const restored = await restoreFromHub(db, new HubClient(url, credential.credential), {
    terminal: { hubTerminalId: credential.terminalId, outlet: credential.outlet, terminal: credential.terminal },
    onProgress: (n, phase) => process.stderr.write(`\r${`${phase} ${n} awards`.padEnd(32)}`),
  });
  process.stderr.write('\n');
  linkToHub(db, { hubUrl: url, hubTerminalId: credential.terminalId, outlet: credential.outlet, terminal: credential.terminal, ackedEventId: restored.ackedSeq });
  reportRestore(restored, credential);
}

function reportRestore(restored: Restored, credential: HubCredential): void {
  console.log(`restored ${counted(restored.awards, 'award')} of terminal "${credential.terminal}" at "${credential.outlet}"`);
  if (restored.alreadyHere > 0) console.log(`${counted(restored.alreadyHere, 'award')} were already on this PC: left as they were.`);
  if (restored.held > 0) {
    console.log(`${counted(restored.held, 'award')} had not been sent as far as the hub knew; the old PC may have sent them before it stopped, so they are UNKNOWN, not sent again: see \`kaunter queue\`, and settle each with \`kaunter resolve\`.`);
  }
}
