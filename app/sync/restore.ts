// Restoring a terminal's history from the hub into an empty database (a replacement PC): every award with its attempts
// and its events under their original ids, so the terminal's trail continues where it was and the hub sees no conflict.
// A restore cut short while it wrote (a power cut) is finished by the next restore of the same terminal.
// The pages hold customers' phone numbers: their folder is the user's own (mkdtemp: 0700), beside the database, and goes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AwardEvent } from '../awards/award.ts';
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { markRestoreBegun, markRestoreFinished, unfinishedRestore, type RestoredTerminal, type UnfinishedRestore } from '../store/hub-sync.ts';
import { writeRestoredPage } from '../awards/restored-trail.ts';
import { eventWithId, trailIsEmpty, type TrailEvent } from '../awards/trail.ts';
import type { HubClient } from './hub-client.ts';
import { storable } from './storable-text.ts';
import { fromWireAward, fromWireEvent } from './wire-records.ts';
import type { RestoredAward } from './wire.ts';

export class RestoreError extends Error {
  readonly final: boolean;
  readonly refusedBy: string | null;
  /**
   * `final`: this database can never take this restore (trying again meets the same); else the line failed, or head
   * office refused the page (`refusedBy`, its code: a revoked terminal, a credential it no longer knows).
   */
  constructor(
    message: string,
    final = false,
    refusedBy: string | null = null,
  ) {
    super(message);
    this.final = final;
    this.refusedBy = refusedBy;
    this.name = 'RestoreError';
  }
}

export interface Restored {
  /** Written by this restore. */
  awards: number;
  /** Of those, restored queued or sending, now UNKNOWN: the old PC may have sent them (holdRestoredAwards). */
  held: number;
  /** Already on this PC (written by a restore of this terminal cut short, or sold here since), and not written again. */
  alreadyHere: number;
  /** How far the hub has this terminal's trail: every event up to here is on this PC now. */
  ackedSeq: number;
}

const EMPTY_ONLY = 'This database already has awards: restore only onto an empty database (a new PC), so nothing is mixed or overwritten.';
const OTHER_TERMINAL = (of: RestoredTerminal) =>
  `This database holds part of the history of terminal "${of.terminal}" at ${of.outlet}, from a restore that was cut short: restore that terminal here, or use an empty database.`;
const MOVED_ON =
  "Head office's history of this terminal has changed since this PC's restore of it was cut short (another PC has been the terminal since), so the two cannot be joined up. Start this PC with an empty database and restore again.";

export interface RestoreOptions {
  /** The terminal restored: a restore cut short is finished only by one of the same terminal. */
  terminal: RestoredTerminal;
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
 * leaves the database as it was (empty, or as a restore cut short left it), so joining again (or `kaunter hub restore`
 * again) starts afresh. Each page is written in a transaction of its own with its waiting awards held (a relay never
 * sees one of them QUEUED); the first also marks the restore begun, with the hub's position, and the mark goes when
 * the last is written. A database with that mark takes the next restore of the same terminal, which downloads it all
 * again and writes only the awards not here yet.
 */
export async function restoreFromHub(db: Db, client: HubClient, options: RestoreOptions): Promise<Restored> {
  const resuming = checkCanRestore(db, options.terminal.hubTerminalId);
  removeStaleStaging(db.name);
  const staging = mkdtempSync(`${db.name}${STAGING_SUFFIX}`);
  try {
    const { pages, ackedSeq, newer } = await download(client, staging, options.onProgress, resuming?.ackedSeq ?? Infinity);
    checkCanRestore(db, options.terminal.hubTerminalId);
    // Since the restore was cut short, the hub may have had only this PC's own events (`kaunter sync` ran): then the
    // rest joins up. Any other is another PC's, which has been the terminal meanwhile: its events took ids used here.
    if (resuming && !newer.every((event) => isHere(db, event))) throw new RestoreError(MOVED_ON, true);
    const restored = await writeStaged(db, pages, { ...options.terminal, ackedSeq }, options);
    markRestoreFinished(db, ackedSeq);
    return { ...restored, ackedSeq };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Onto an empty database, or one holding part of this terminal's history (returned). A sale made on an empty one
 * while the pages came is refused: its events took ids the history needs. One made after a restore was cut short took
 * ids above every restored event (the page with the newest went first), which no page needs.
 */
function checkCanRestore(db: Db, hubTerminalId: string): UnfinishedRestore | null {
  const unfinished = unfinishedRestore(db);
  if (!unfinished) {
    if (!trailIsEmpty(db)) throw new RestoreError(EMPTY_ONLY, true);
    return null;
  }
  if (unfinished.hubTerminalId !== hubTerminalId) throw new RestoreError(OTHER_TERMINAL(unfinished), true);
  return unfinished;
}

const STAGING_SUFFIX = '.restore-';

/** A restore that was killed (a power cut) leaves its folder behind: customers' phone numbers, gone at the next try. */
function removeStaleStaging(dbPath: string): void {
  const prefix = `${basename(dbPath)}${STAGING_SUFFIX}`;
  for (const name of readdirSync(dirname(dbPath))) {
    if (name.startsWith(prefix)) rmSync(join(dirname(dbPath), name), { recursive: true, force: true });
  }
}

/**
 * Every page into its own file, in order; returns them, the hub's position in this terminal's trail, and the hub's
 * events after `newerThan` (the position a restore cut short began at).
 */
async function download(
  client: HubClient,
  folder: string,
  onProgress: RestoreOptions['onProgress'],
  newerThan: number,
): Promise<{ pages: StagedPage[]; ackedSeq: number; newer: TrailEvent[] }> {
  const pages: StagedPage[] = [];
  const newer: TrailEvent[] = [];
  let cursor: string | null = null;
  let ackedSeq = 0;
  let awards = 0;
  do {
    const answer = await client.restorePage(cursor);
    if (answer.kind !== 'ok') throw new RestoreError(answer.message, false, answer.kind === 'refused' ? answer.code : null);
    const file = join(folder, `${String(pages.length + 1).padStart(8, '0')}.json`);
    writeFileSync(file, JSON.stringify(answer.value.items), { mode: 0o600 });
    pages.push({ file, newestEventId: answer.value.items.reduce((newest, item) => Math.max(newest, item.award.lastEventSeq), 0) });
    for (const { award, events } of answer.value.items) {
      for (const event of events) if (event.seq > newerThan) newer.push({ awardId: award.id, event: fromWireEvent(event) });
    }
    ackedSeq = answer.value.ackedSeq;
    awards += answer.value.items.length;
    onProgress?.(awards, 'downloaded');
    cursor = answer.value.nextCursor;
  } while (cursor);
  return { pages, ackedSeq, newer };
}

/**
 * Whether the hub's event is this PC's own, as it sent it: another PC's may have the same id and even the same award
 * (both PCs moved it on after the restore was cut short), but not the same moment, states, actor and reason. The hub
 * keeps text as storable() makes it, so this PC's is compared as the hub would keep it.
 */
function isHere(db: Db, hubEvent: TrailEvent): boolean {
  const here = eventWithId(db, hubEvent.event.id);
  if (here?.awardId !== hubEvent.awardId) return false;
  const kept = storable(here.event);
  return EVENT_FIELDS.every((field) => kept[field] === hubEvent.event[field]);
}

const EVENT_FIELDS = ['at', 'from', 'to', 'actor', 'reason', 'errorCode'] as const satisfies ReadonlyArray<keyof AwardEvent>;

/**
 * Writes the pages, the one holding the newest event first: from then on an event written here (a sale rung up while
 * the rest is written) takes an id above every restored one, which a later page could otherwise need. Between pages
 * the core answers its host, whose watchdog would end a core silent for long (a big terminal takes a while).
 */
async function writeStaged(db: Db, pages: StagedPage[], restore: UnfinishedRestore, options: RestoreOptions): Promise<Omit<Restored, 'ackedSeq'>> {
  const newest = pages.reduce((best, page) => (page.newestEventId > best.newestEventId ? page : best));
  const restored = { awards: 0, held: 0, alreadyHere: 0 };
  for (const page of [newest, ...pages.filter((other) => other !== newest)]) {
    // Checked against the wire's schema when it arrived, a moment ago.
    const items = JSON.parse(readFileSync(page.file, 'utf8')) as RestoredAward[];
    const now = (options.now ?? Date.now)();
    const written = inTransaction(db, () => {
      markRestoreBegun(db, restore);
      return writePage(db, items, restore.ackedSeq, now);
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
