// Restoring a terminal's history from the hub into an empty database (a replacement PC): every award with its attempts
// and its events under their original ids, so the terminal's trail continues where it was and the hub sees no conflict.
// The pages hold customers' phone numbers: their folder is the user's own (mkdtemp: 0700), beside the database, and goes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Downloads every page into a folder beside the database, and only then writes them: a connection that drops halfway
 * leaves the database as empty as it was, so joining again (or `kaunter hub restore` again) starts afresh. The pages are
 * written one after another without a pause, each in a transaction of its own with its waiting awards held (a relay
 * never sees one of them QUEUED), so no sale can come between them and take an event id a later page needs.
 */
export async function restoreFromHub(db: Db, client: HubClient, onProgress?: (awards: number) => void, now: () => number = Date.now): Promise<Restored> {
  if (!trailIsEmpty(db)) throw new RestoreError(EMPTY_ONLY);
  const staging = mkdtempSync(`${db.name}.restore-`);
  try {
    const ackedSeq = await download(client, staging, onProgress);
    // A sale made while the pages came: its events hold ids the history needs.
    if (!trailIsEmpty(db)) throw new RestoreError(EMPTY_ONLY);
    const restored = writeStaged(db, staging, ackedSeq, now());
    recordAck(db, ackedSeq);
    return restored;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Every page into its own file, in order; returns the hub's position in this terminal's trail. */
async function download(client: HubClient, folder: string, onProgress?: (awards: number) => void): Promise<number> {
  let cursor: string | null = null;
  let ackedSeq = 0;
  let awards = 0;
  let page = 0;
  do {
    const answer = await client.restorePage(cursor);
    if (answer.kind !== 'ok') throw new RestoreError(answer.message);
    page += 1;
    writeFileSync(join(folder, pageFile(page)), JSON.stringify(answer.value.items), { mode: 0o600 });
    ackedSeq = answer.value.ackedSeq;
    awards += answer.value.items.length;
    onProgress?.(awards);
    cursor = answer.value.nextCursor;
  } while (cursor);
  return ackedSeq;
}

function pageFile(page: number): string {
  return `${String(page).padStart(8, '0')}.json`;
}

function writeStaged(db: Db, folder: string, ackedSeq: number, now: number): Restored {
  const restored: Restored = { awards: 0, held: 0 };
  for (const name of readdirSync(folder).sort()) {
    // Checked against the wire's schema when it arrived, a moment ago.
    const items = JSON.parse(readFileSync(join(folder, name), 'utf8')) as RestoredAward[];
    restored.held += writePage(db, items, ackedSeq, now).length;
    restored.awards += items.length;
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
