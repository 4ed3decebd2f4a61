// Restoring a terminal's history from the hub into an empty database (a replacement PC): every award with its attempts
// and its events under their original ids, so the terminal's trail continues where it was and the hub sees no conflict.
// The pages hold customers' phone numbers: their folder is the user's own (mkdtemp: 0700), beside the database, and goes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from '../store/database.ts';
import { recordAck } from '../store/hub-sync.ts';
import { writeRestoredPage } from '../awards/restored-trail.ts';
import { trailIsEmpty } from '../awards/trail.ts';
import type { HubClient } from './hub-client.ts';
import { fromWireAward, fromWireEvent } from './wire-records.ts';
import type { RestoredAward } from './wire.ts';

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

export interface Restored {
  awards: number;
  /** Restored queued or sending, now UNKNOWN: the old PC may have sent them (holdRestoredAwards). */
  held: number;
}

const EMPTY_ONLY = 'This database already has awards: restore only onto an empty database (a new PC), so nothing is mixed or overwritten.';

export interface RestoreOptions {
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
 * written in a transaction of its own with its waiting awards held (a relay never sees one of them QUEUED).
 */
export async function restoreFromHub(db: Db, client: HubClient, options: RestoreOptions = {}): Promise<Restored> {
  if (!trailIsEmpty(db)) throw new RestoreError(EMPTY_ONLY);
  removeStaleStaging(db.name);
  const staging = mkdtempSync(`${db.name}${STAGING_SUFFIX}`);
  try {
    const { pages, ackedSeq } = await download(client, staging, options.onProgress);
    // A sale made while the pages came: its events hold ids the history needs.
    if (!trailIsEmpty(db)) throw new RestoreError(EMPTY_ONLY);
    const restored = await writeStaged(db, pages, ackedSeq, options);
    recordAck(db, ackedSeq);
    return restored;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
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
  const restored: Restored = { awards: 0, held: 0 };
  for (const page of [newest, ...pages.filter((other) => other !== newest)]) {
    // Checked against the wire's schema when it arrived, a moment ago.
    const items = JSON.parse(readFileSync(page.file, 'utf8')) as RestoredAward[];
    restored.held += writePage(db, items, ackedSeq, (options.now ?? Date.now)()).length;
    restored.awards += items.length;
    options.onProgress?.(restored.awards, 'written');
    await new Promise((resolve) => setImmediate(resolve));
  }
  return restored;
}

function writePage(db: Db, items: RestoredAward[], ackedSeq: number, now: number): string[] {
  const histories = items.map(({ award, events }) => ({
    award: fromWireAward(award),
    attempts: award.attempts,
    events: events.map(fromWireEvent),
    evidence: award.evidence ?? null,
  }));
  return writeRestoredPage(db, histories, ackedSeq, now);
}
