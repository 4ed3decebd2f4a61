// Carrying out a decision taken at the hub: the counter settles its own UNKNOWN award exactly as if its manager had
// decided here (the one state machine, the decision and its author in the event trail), then tells the hub how it went.
import { inTransaction, type Db } from '../store/database.ts';
import { decisionRecord, recordDecision } from '../store/hub-sync.ts';
import { headOfficeManager } from '../awards/event-words.ts';
import { resolveUnknown, type Decision } from '../awards/reconcile.ts';
import type { DecisionReport, HubDecision } from './wire.ts';

/** Settles an UNKNOWN award; throws when it no longer can be. */
export type Resolve = (awardId: string, decision: Decision, manager: string, reason: string) => void;

/**
 * Straight to the database, for `kaunter sync`. A running Kaunter resolves through its award desk instead, so its
 * screens hear of the change and a resend goes out at once.
 */
export function resolveInDatabase(db: Db, now: () => number): Resolve {
  return (awardId, decision, manager, reason) => void resolveUnknown(db, awardId, decision, manager, reason, now());
}

/**
 * Carries out a decision once, whatever the hub offers: until the report reaches the hub it offers the decision again,
 * and a resend whose award went UNKNOWN again meanwhile (the same bad line) would be sent a second time. The report is
 * kept in the same transaction as the decision's effect, and a decision already carried out is only reported again.
 */
export function carryOutOnce(db: Db, decision: HubDecision, resolve: Resolve, now: number): DecisionReport {
  return inTransaction(db, () => {
    const done = decisionRecord(db, decision.id);
    if (done) return done;
    const report = carryOut(decision, resolve);
    recordDecision(db, decision.id, report, now);
    return report;
  });
}

function carryOut(decision: HubDecision, resolve: Resolve): DecisionReport {
  try {
    resolve(decision.awardId, decision.decision, headOfficeManager(decision.decidedBy), decision.reason);
    return { outcome: 'carried-out', message: '' };
  } catch (error) {
    // Typically: a manager at the counter settled it first. The counter's own decision stands and reaches the hub.
    return { outcome: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
}
