// The counter's side of replication: what the hub has not acknowledged yet, read as one consistent batch. The
// acknowledged position is kept in the same SQLite file as the awards (app/store/hub-sync.ts).
import type { Db } from '../store/database.ts';
import { inReadTransaction } from '../store/database.ts';
import { hubLink, type HubLink } from '../store/hub-sync.ts';
import { attemptsOf } from '../awards/records.ts';
import { keptEvidence } from '../awards/evidence-store.ts';
import { awardsChangedAfter, awardWithNewestEvent, eventsAfter } from '../awards/trail.ts';
import { MAX_BATCH_EVENTS, SYNC_PROTOCOL, type JoinReply, type PushBatch, type WireAward } from './wire.ts';
import { toWireAward, wireEventOf } from './wire-records.ts';

/** The link a join's answer makes, starting at `ackedEventId`. */
export function linkOf(hubUrl: string, joined: JoinReply, ackedEventId: number): HubLink {
  return { hubUrl, hubTerminalId: joined.terminalId, outlet: joined.outlet, terminal: joined.terminal, ackedEventId };
}

/** Awards with something the hub has not acknowledged (none before the terminal joins a hub). */
export function waitingAwards(db: Db): number {
  const link = hubLink(db);
  return link ? awardsChangedAfter(db, link.ackedEventId) : 0;
}

/**
 * The next batch after the acknowledged position, or null when the hub has everything. Read in one read transaction
 * (a WAL snapshot: the relay keeps writing meanwhile), so each award's snapshot agrees with its newest event.
 */
export function readBatch(db: Db, limit: number = MAX_BATCH_EVENTS): PushBatch | null {
  return inReadTransaction(db, (): PushBatch | null => {
    const link = hubLink(db);
    if (!link) return null;
    const trail = eventsAfter(db, link.ackedEventId, Math.min(limit, MAX_BATCH_EVENTS));
    if (trail.length === 0) return null;
    const events = trail.map(({ awardId, event }) => wireEventOf(awardId, event));
    const awards = [...new Set(trail.map(({ awardId }) => awardId))].map((id) => wireAward(db, id));
    return { protocol: SYNC_PROTOCOL, after: link.ackedEventId, events, awards };
  });
}

function wireAward(db: Db, id: string): WireAward {
  const { award, newestEventId } = awardWithNewestEvent(db, id);
  return toWireAward(award, newestEventId, attemptsOf(db, id), keptEvidence(db, id));
}
