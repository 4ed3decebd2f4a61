// Carrying out a decision taken at the hub: the counter settles its own UNKNOWN award exactly as if its manager had
// decided here (the one state machine, the decision and its author in the event trail), then tells the hub how it went.
import { inTransaction, type Db } from '../store/database.ts';
import { decisionRecord, recordDecision } from '../store/hub-sync.ts';
import { headOfficeManager } from '../awards/event-words.ts';
import { resolveUnknown, type Decision } from '../awards/reconcile.ts';
import type { DecisionReport, HubDecision } from './wire.ts';

/**
 * Settles an UNKNOWN award inside the caller's transaction (throws when it no longer can be), and returns what to do
 * once that transaction has committed: tell the screens, send a resend. Before then the change may yet be rolled back.
 */
export type Resolve = (awardId: string, decision: Decision, manager: string, reason: string) => AfterCommit;
export type AfterCommit = () => void;

/** Straight to the database, for `kaunter sync`: nothing is listening. */
export function resolveInDatabase(db: Db, now: () => number): Resolve {
  return (awardId, decision, manager, reason) => {
    resolveUnknown(db, awardId, decision, manager, reason, now());
    return () => undefined;
  };
}

/**
 * Carries out a decision once, whatever the hub offers: until the report reaches the hub it offers the decision again,
 * and a resend whose award went UNKNOWN again meanwhile (the same bad line) would be sent a second time. The report is
 * kept in the same transaction as the decision's effect, and a decision already carried out is only reported again.
 */
export function carryOutOnce(db: Db, decision: HubDecision, resolve: Resolve, now: number): DecisionReport {
  let afterCommit: AfterCommit = () => undefined;
  const report = inTransaction(db, () => {
    const done = decisionRecord(db, decision.id);
    if (done) return done;
    const carried = carryOut(decision, resolve);
    recordDecision(db, decision.id, carried.report, now);
    afterCommit = carried.afterCommit;
    return carried.report;
  });
  afterCommit();
  return report;
}

function carryOut(decision: HubDecision, resolve: Resolve): { report: DecisionReport; afterCommit: AfterCommit } {
  try {
    const afterCommit = resolve(decision.awardId, decision.decision, headOfficeManager(decision.decidedBy), decision.reason);
    return { report: { outcome: 'carried-out', message: '' }, afterCommit };
  } catch (error) {
    // Typically: a manager at the counter settled it first. The counter's own decision stands and reaches the hub.
    return { report: { outcome: 'refused', message: error instanceof Error ? error.message : String(error) }, afterCommit: () => undefined };
  }
}
