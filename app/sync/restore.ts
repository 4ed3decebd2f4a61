// Restoring a terminal's history from the hub into an empty database (a replacement PC): every award with its attempts
// and its events under their original ids, so the terminal's trail continues where it was and the hub sees no conflict.
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
  /** Restored queued or sending, now UNKNOWN: the old PC may have sent them (holdRestoredSends). */
  held: number;
}

/** Pulls every page and writes it. */
export async function restoreFromHub(db: Db, client: HubClient, onProgress?: (awards: number) => void, now: () => number = Date.now): Promise<Restored> {
  if (!trailIsEmpty(db)) {
    throw new RestoreError('This database already has awards: restore only onto an empty database (a new PC), so nothing is mixed or overwritten.');
  }
  let cursor: string | null = null;
  const restored: Restored = { awards: 0, held: 0 };
  let ackedSeq = 0;
  do {
    const answer = await client.restorePage(cursor);
    if (answer.kind !== 'ok') throw new RestoreError(answer.message);
    restored.held += writePage(db, answer.value.items, answer.value.ackedSeq, now()).length;
    restored.awards += answer.value.items.length;
    ackedSeq = answer.value.ackedSeq;
    onProgress?.(restored.awards);
    cursor = answer.value.nextCursor;
  } while (cursor);
  recordAck(db, ackedSeq);
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
