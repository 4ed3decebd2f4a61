// `kaunter hub restore --merge`: the way back for a counter put back from a backup copy, which the hub refuses (it holds
// more of the terminal's trail than the copy). The terminal's whole history comes back from the hub into a new database
// beside the copy, the copy's own later sales are carried over into it (merge-copy.ts), and the new one takes the
// database's name; the copy is kept beside it. Never in place: cut short, the copy is as it was and still in use.
import type { Db } from '../store/database.ts';
import { openDatabase } from '../store/database.ts';
import { hubLink, type HubLink, type RestoredTerminal } from '../store/hub-sync.ts';
import { unknownAwards } from '../store/copy-statements.ts';
import { RelayLock } from '../awards/relay-lock.ts';
import type { HubClient } from './hub-client.ts';
import { carryOverFromCopy, type Carried } from './merge-copy.ts';
import { discardMerging, mergingPathOf, swapIn } from './merge-files.ts';
import { restoreFromHub, type RestoreOptions } from './restore.ts';

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

const APP_RUNNING =
  'Kaunter is running on this database (the desktop app, or `kaunter drain`): close it first, then run `kaunter hub restore --merge` again. Nothing was changed.';
const NOT_JOINED = 'This database has not joined a hub, so there is no record at head office to merge it with. Nothing was changed.';
const OTHER_TERMINAL = (link: HubLink, terminal: RestoredTerminal) =>
  `This database is terminal "${link.terminal}" at ${link.outlet}, but the credential beside it is for terminal "${terminal.terminal}" at ${terminal.outlet}: merge it with its own terminal's record. Nothing was changed.`;

export type Merged =
  | { kind: 'in-step' }
  | (Carried & {
      kind: 'merged';
      /** Awards that came back from the hub. */
      restored: number;
      /** Awards in the merged database waiting for a manager's decision (UNKNOWN). */
      unknown: number;
      /** The database as it was before the merge, under its new name. */
      keptAs: string;
    });

export interface MergeOptions {
  dbPath: string;
  client: HubClient;
  hubUrl: string;
  terminal: RestoredTerminal;
  onProgress?: RestoreOptions['onProgress'];
  now?: () => number;
}

/**
 * Merges the put-back copy at `dbPath` with its terminal's record at the hub. Holds the relay lock throughout: the app
 * (or `kaunter drain`) running on the copy refuses it, and none starts meanwhile. 'in-step' (nothing changed) when the
 * hub's trail does not run past the copy's: a push sends what it has, and a merge run again after one finished says so.
 */
export async function mergeCopyWithHub(options: MergeOptions): Promise<Merged> {
  const now = options.now ?? Date.now;
  const lock = RelayLock.tryAcquire(options.dbPath);
  if (!lock) throw new MergeError(APP_RUNNING);
  try {
    checkCopy(options);
    discardMerging(options.dbPath);
    const built = await buildBeside(options, now);
    return built ? { kind: 'merged', ...built, keptAs: swapIn(options.dbPath, now()) } : { kind: 'in-step' };
  } finally {
    lock.release();
  }
}

/** The merged database, built and closed under its own name; thrown away unless it is to take the copy's place. */
async function buildBeside(options: MergeOptions, now: () => number): Promise<Awaited<ReturnType<typeof build>>> {
  let built: Awaited<ReturnType<typeof build>> = null;
  try {
    const merging = openDatabase(mergingPathOf(options.dbPath));
    try {
      built = await build(merging, options, now);
    } finally {
      merging.close();
    }
    return built;
  } finally {
    if (!built) discardMerging(options.dbPath);
  }
}

/** The copy is migrated (as the app would at its start) and is the terminal the credential is for. */
function checkCopy({ dbPath, terminal }: MergeOptions): void {
  const copy = openDatabase(dbPath);
  try {
    const link = hubLink(copy);
    if (!link) throw new MergeError(NOT_JOINED);
    if (link.hubTerminalId !== terminal.hubTerminalId) throw new MergeError(OTHER_TERMINAL(link, terminal));
  } finally {
    copy.close();
  }
}

async function build(merging: Db, options: MergeOptions, now: () => number): Promise<(Carried & { restored: number; unknown: number }) | null> {
  const restored = await restoreFromHub(merging, options.client, { terminal: options.terminal, onProgress: options.onProgress, now });
  const link = { hubUrl: options.hubUrl, ...options.terminal, ackedEventId: restored.ackedSeq };
  const carried = carryOverFromCopy(merging, options.dbPath, link, now());
  return carried && { ...carried, restored: restored.awards, unknown: unknownAwards(merging) };
}
