// Whether this PC's database can carry on the trail the hub has of a terminal, and whether that terminal's history
// must come back first: both asked at every join (the app's and `kaunter hub join`), and again by a restore once its
// pages are down, so they live side by side.
import type { Db } from '../store/database.ts';
import { hubLink, newestEventId, unfinishedRestore } from '../store/hub-sync.ts';
import { trailIsEmpty } from '../awards/trail.ts';
import type { MessageParams } from '../messages.ts';
import type { JoinReply } from './wire.ts';

export type JoinedAs = Pick<JoinReply, 'terminalId' | 'ackedSeq'>;

/**
 * Null when this database can carry on the terminal's trail: an empty one (a restore brings the trail back), or one
 * holding at least as much of it as the hub (the same PC joining again, or one whose restore of this terminal was cut
 * short: the page with the hub's newest event is written first). One holding less is not that terminal's (a sale was
 * made on a new PC before its history came back, another PC has joined as the terminal since, or it is another PC):
 * linked, its events up to the hub's position would never be sent. One holding part of a terminal's history joins as
 * no other terminal. Otherwise the reason, as a message key and its parameters.
 */
export function carryOnRefusal(db: Db, joined: JoinedAs): { key: string; params: MessageParams } | null {
  const unfinished = unfinishedRestore(db);
  if (unfinished && unfinished.hubTerminalId !== joined.terminalId) {
    return { key: 'hub.restoreOther', params: { outlet: unfinished.outlet, terminal: unfinished.terminal } };
  }
  return trailIsEmpty(db) || newestEventId(db) >= joined.ackedSeq ? null : { key: 'hub.otherHistory', params: {} };
}

/**
 * Joined from a shell (a credential file), but not linked, and no page of the history written yet: `hub join`'s restore
 * failed before it wrote. A sale now would take event ids the history needs, and no restore could follow it.
 */
export function historyStillToCome(db: Db, joinedFromShell: boolean): boolean {
  return joinedFromShell && hubLink(db) === null && unfinishedRestore(db) === null;
}

/** Whether joining as this terminal needs its history first: the hub has some and this PC none, or only part of it. */
export function restoreNeeded(db: Db, joined: JoinedAs): boolean {
  return unfinishedRestore(db)?.hubTerminalId === joined.terminalId || (trailIsEmpty(db) && joined.ackedSeq > 0);
}
