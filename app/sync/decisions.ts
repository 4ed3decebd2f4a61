// Carrying out a decision taken at the hub: the counter settles its own UNKNOWN award exactly as if its manager had
// decided here (the one state machine, the decision and its author in the event trail), then tells the hub how it went.
import type { Db } from '../store/database.ts';
import { headOfficeManager } from '../awards/event-words.ts';
import { resolveUnknown } from '../awards/reconcile.ts';
import type { DecisionReport, HubDecision } from './wire.ts';

export function carryOut(db: Db, decision: HubDecision, now: number): DecisionReport {
  try {
    resolveUnknown(db, decision.awardId, decision.decision, headOfficeManager(decision.decidedBy), decision.reason, now);
    return { outcome: 'carried-out', message: '' };
  } catch (error) {
    // Typically: a manager at the counter settled it first. The counter's own decision stands and reaches the hub.
    return { outcome: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
}
