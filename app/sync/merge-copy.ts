// What a counter put back from a backup copy keeps of its own record, once its terminal's history has come back from
// the hub into a fresh database: the rules of `kaunter hub restore --merge` (merge-with-hub.ts runs it).
//
// The hub's trail runs past the copy's (it refused the copy's pushes), so every award the copy held when it was taken is
// in the hub's trail: an award the hub lacks was made on this PC after it was put back, and no other PC can have sent
// it. Such an award comes over as it stands, a waiting one still waiting, with its attempts, its evidence and its events
// in order under new ids above the hub's. An award both have is the hub's: its trail is the newer one, and the restore
// already made every award the hub had waiting UNKNOWN (RESTORED). The copy's own later events on such an award (a hold,
// a void, a decision taken here) give way to the hub's, which the restore's holds leave settled or for a manager; the
// file kept beside still has them. But a request the copy signed that the hub never heard of may have given the points
// a second time, so its attempt (its nonce) is kept on the award and a note says so: an award still unsettled stays
// UNKNOWN with it, one head office has settled is listed for a manager to check in the member's RM history (no state
// leads back from a settled award to UNKNOWN, and the hub would refuse one that did).
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { linkToHub, newestEventId, type HubLink } from '../store/hub-sync.ts';
import {
  addAttempt,
  attachCopy,
  copyAwards,
  copyDecisionsCarriedOut,
  copyOnlyAttemptsOfSharedAwards,
  copyOnlyAwardIds,
  copyOnlyChangesOfSharedAwards,
  copyShifts,
  detachCopy,
  hubRunsPastCopy,
  queuedAmong,
} from '../store/copy-statements.ts';
import { findAward } from '../awards/records.ts';
import { say } from '../messages.ts';
import { PUT_BACK_CODE } from '../awards/rm-evidence.ts';
import { noteEvent } from '../awards/transitions.ts';
import type { AwardState } from '../awards/award.ts';
import { isUnclaimedQr } from '../common/totals.ts';

export interface Carried {
  /** Awards made on this PC after it was put back, carried over. */
  awards: number;
  /** Of those, still waiting to be sent: they go to RM as usual. */
  queued: number;
  /**
   * Awards both had that this PC also sent, unknown to the hub: their state now (UNKNOWN, or settled at head office), and
   * whether that is a claim QR not seen claimed, which the screens and the command line say apart from "given".
   */
  sentFromCopy: Array<{ id: string; state: AwardState; unclaimedQr: boolean }>;
  /**
   * Awards both had that a person changed on this PC (a void for a refund, a manager's decision) where head office never
   * heard of it: the hub's version stands, so a manager must know before settling them. The copy's state, and now.
   */
  changedOnCopy: Array<{ id: string; copyState: string; state: AwardState; unclaimedQr: boolean }>;
}

/**
 * Carries over from the copy at `copyPath` what the restored database `db` lacks, and links it to the hub at the
 * hub's position, in one transaction: the next push sends only what was carried over and noted. Null (and nothing
 * written) when the hub's trail does not run past the copy's: it is not behind the hub, a push sends what it has.
 */
export function carryOverFromCopy(db: Db, copyPath: string, link: HubLink, now: number): Carried | null {
  attachCopy(db, copyPath);
  try {
    return inTransaction(db, () => {
      if (!hubRunsPastCopy(db, link.ackedEventId)) return null;
      copyShifts(db);
      copyDecisionsCarriedOut(db);
      const ids = copyOnlyAwardIds(db);
      const idsJson = JSON.stringify(ids);
      // Above the hub's position whatever the restore wrote: the next push must send every carried event.
      copyAwards(db, idsJson, Math.max(newestEventId(db), link.ackedEventId) + 1);
      const changedOnCopy = noteCopyOnlyChanges(db, now);
      const sentFromCopy = keepCopyOnlyAttempts(db, now);
      linkToHub(db, link);
      return { awards: ids.length, queued: queuedAmong(db, idsJson), sentFromCopy, changedOnCopy };
    });
  } finally {
    detachCopy(db);
  }
}

function noteCopyOnlyChanges(db: Db, now: number): Carried['changedOnCopy'] {
  return copyOnlyChangesOfSharedAwards(db).map(({ awardId, copyState }) => {
    noteEvent(db, awardId, 'system', say('event.changedOnCopy'), PUT_BACK_CODE, now);
    return { id: awardId, copyState, ...stateNow(db, awardId) };
  });
}

function keepCopyOnlyAttempts(db: Db, now: number): Carried['sentFromCopy'] {
  const attempts = copyOnlyAttemptsOfSharedAwards(db);
  for (const attempt of attempts) addAttempt(db, attempt, now);
  const ids = [...new Set(attempts.map((attempt) => attempt.awardId))];
  return ids.map((id) => {
    noteEvent(db, id, 'system', say('event.sentFromCopy'), PUT_BACK_CODE, now);
    return { id, ...stateNow(db, id) };
  });
}

function stateNow(db: Db, id: string): { state: AwardState; unclaimedQr: boolean } {
  const award = findAward(db, id);
  return { state: award?.state ?? 'UNKNOWN', unclaimedQr: award !== null && isUnclaimedQr(award) };
}
