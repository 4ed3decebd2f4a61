// Restoring a terminal's history from the hub into an empty database (a replacement PC): every award with its attempts
// and its events under their original ids, so the terminal's trail continues where it was and the hub sees no conflict.
// A restore cut short while it wrote (a power cut) is finished by the next restore of the same terminal.
// The pages hold customers' phone numbers: their folder is the user's own (mkdtemp: 0700), beside the database, and goes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { markRestoreBegun, markRestoreFinished, unfinishedRestore } from '../store/hub-sync.ts';
import { writeRestoredPage } from '../awards/restored-trail.ts';
import { trailIsEmpty } from '../awards/trail.ts';
import type { HubClient } from './hub-client.ts';
import { fromWireAward, fromWireEvent } from './wire-records.ts';
import type { JoinReply, RestoredAward } from './wire.ts';

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

export interface Restored {
  /** Written by this restore. */
  awards: number;
  /** Of those, restored queued or sending, now UNKNOWN: the old PC may have sent them (holdRestoredAwards). */
  held: number;
  /** Written by an earlier restore of this terminal that was cut short, and not written again. */
  alreadyHere: number;
}

const EMPTY_ONLY = 'This database already has awards: restore only onto an empty database (a new PC), so nothing is mixed or overwritten.';
const OTHER_TERMINAL = "This database holds part of another terminal's history, from a restore that was cut short: restore that terminal here, or use an empty database.";

/** Whether joining as this terminal needs its history first: the hub has some and this PC none, or only part of it. */
export function restoreNeeded(db: Db, joined: Pick<JoinReply, 'terminalId' | 'ackedSeq'>): boolean {
  return unfinishedRestore(db)?.hubTerminalId === joined.terminalId || (trailIsEmpty(db) && joined.ackedSeq > 0);
}

export interface RestoreOptions {
  /** The hub's id of the terminal restored: a restore cut short is finished only by one of the same terminal. */
  hubTerminalId: string;
  /** Awards downloaded so far, then awards written so far. */
  onProgress?: (awards: number, phase: 'downloaded' | 'written') => void;
  now?: () => number;
}

/** A page as it waits on disk, and the newest event id in it. */
interface StagedPage {
  file: string;
  newestEventId: number;
}

/**
 * Downloads every page into a folder beside the database, and only then writes them: a connection that drops halfway
 * leaves the database as empty as it was, so joining again (or `kaunter hub restore` again) starts afresh. Each page is
 * written in a transaction of its own with its waiting awards held (a relay never sees one of them QUEUED); the first
 * also marks the restore begun, and the mark goes when the last is written. A database with that mark takes the next
 * restore of the same terminal, which downloads it all again and writes only the awards not here yet.
 */
export async function restoreFromHub(db: Db, client: HubClient, options: RestoreOptions): Promise<Restored> {
  checkCanRestore(db, options.hubTerminalId);
  removeStaleStaging(db.name);
  const staging = mkdtempSync(`${db.name}${STAGING_SUFFIX}`);
  try {
    const { pages, ackedSeq } = await download(client, staging, options.onProgress);
    checkCanRestore(db, options.hubTerminalId);
    const restored = await writeStaged(db, pages, ackedSeq, options);
    markRestoreFinished(db, ackedSeq);
    return restored;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Onto an empty database, or one holding part of this terminal's history. A sale made on an empty one while the pages
 * came is refused: its events took ids the history needs. One made after a restore was cut short took ids above every
 * restored event (the page with the newest went first), which no page needs.
 */
function checkCanRestore(db: Db, hubTerminalId: string): void {
  const unfinished = unfinishedRestore(db);
  if (unfinished && unfinished.hubTerminalId !== hubTerminalId) throw new RestoreError(OTHER_TERMINAL);
  if (!unfinished && !trailIsEmpty(db)) throw new RestoreError(EMPTY_ONLY);
}

const STAGING_SUFFIX = '.restore-';

/** A restore that was killed (a power cut) leaves its folder behind: customers' phone numbers, gone at the next try. */
function removeStaleStaging(dbPath: string): void {
  const prefix = `${basename(dbPath)}${STAGING_SUFFIX}`;
  for (const name of readdirSync(dirname(dbPath))) {
    if (name.startsWith(prefix)) rmSync(join(dirname(dbPath), name), { recursive: true, force: true });
  }
}

/** Every page into its own file, in order; returns them and the hub's position in this terminal's trail. */
async function download(client: HubClient, folder: string, onProgress: RestoreOptions['onProgress']): Promise<{ pages: StagedPage[]; ackedSeq: number }> {
  const pages: StagedPage[] = [];
  let cursor: string | null = null;
  let ackedSeq = 0;
  let awards = 0;
  do {
    const answer = await client.restorePage(cursor);
    if (answer.kind !== 'ok') throw new RestoreError(answer.message);
    const file = join(folder, `${String(pages.length + 1).padStart(8, '0')}.json`);
    writeFileSync(file, JSON.stringify(answer.value.items), { mode: 0o600 });
    pages.push({ file, newestEventId: answer.value.items.reduce((newest, item) => Math.max(newest, item.award.lastEventSeq), 0) });
    ackedSeq = answer.value.ackedSeq;
    awards += answer.value.items.length;
    onProgress?.(awards, 'downloaded');
    cursor = answer.value.nextCursor;
  } while (cursor);
  return { pages, ackedSeq };
}

/**
 * Writes the pages, the one holding the newest event first: from then on an event written here (a sale rung up while
 * the rest is written) takes an id above every restored one, which a later page could otherwise need. Between pages
 * the core answers its host, whose watchdog would end a core silent for long (a big terminal takes a while).
 */
async function writeStaged(db: Db, pages: StagedPage[], ackedSeq: number, options: RestoreOptions): Promise<Restored> {
  const newest = pages.reduce((best, page) => (page.newestEventId > best.newestEventId ? page : best));
  const restored: Restored = { awards: 0, held: 0, alreadyHere: 0 };
  for (const page of [newest, ...pages.filter((other) => other !== newest)]) {
    // Checked against the wire's schema when it arrived, a moment ago.
    const items = JSON.parse(readFileSync(page.file, 'utf8')) as RestoredAward[];
    const now = (options.now ?? Date.now)();
    const written = inTransaction(db, () => {
      markRestoreBegun(db, options.hubTerminalId, now);
      return writePage(db, items, ackedSeq, now);
    });
    restored.awards += written.awards;
    restored.held += written.held.length;
    restored.alreadyHere += items.length - written.awards;
    options.onProgress?.(restored.awards + restored.alreadyHere, 'written');
    await new Promise((resolve) => setImmediate(resolve));
  }
  return restored;
}

function writePage(db: Db, items: RestoredAward[], ackedSeq: number, now: number): { awards: number; held: string[] } {
  const histories = items.map(({ award, events }) => ({
    award: fromWireAward(award),
    attempts: award.attempts,
    events: events.map(fromWireEvent),
    evidence: award.evidence ?? null,
  }));
  return writeRestoredPage(db, histories, ackedSeq, now);
}
