// The core's records in their wire shape, for both ends: the counter reads them from SQLite, the hub from PostgreSQL,
// each selecting the same column names, so one mapping serves both.
import type { AttemptRecord, Award, AwardEvent } from '../awards/award.ts';
import { toAwardEvent, type EventRow as AwardEventRow } from '../awards/records.ts';
import type { RmEvidence } from '../awards/rm-evidence.ts';
import { MAX_POINTS } from '../common/money.ts';
import type { WireAward, WireEvent } from './wire.ts';

/** An event row as both databases select it (`seq AS id` at the hub). */
export type EventRow = AwardEventRow & { award_id: string };

export const EVENT_COLUMNS = 'award_id, at, from_state, to_state, actor, reason, error_code';

export function toWireEvent(row: EventRow): WireEvent {
  return wireEventOf(row.award_id, toAwardEvent(row));
}

export function wireEventOf(awardId: string, { id, ...event }: AwardEvent): WireEvent {
  return { seq: id, awardId, ...event };
}

/** The event as the core keeps it: its id is the counter's, which the wire calls `seq`. */
export function fromWireEvent({ seq, awardId: _award, ...event }: WireEvent): AwardEvent {
  return { id: seq, ...event };
}

/**
 * An award's points as the hub takes them. A figure beyond any rule (negative, or above MAX_POINTS: only one written
 * before points had a bound) goes as unknown: sent as it is, it would jam this counter's pushes for good.
 */
function pointsOnTheWire(award: Award): Pick<WireAward, 'pointsPreview' | 'pointsConfirmed'> {
  const points = award.pointsPreview;
  if (points !== null && (points < 0 || points > MAX_POINTS)) return { pointsPreview: null, pointsConfirmed: false };
  return { pointsPreview: points, pointsConfirmed: award.pointsConfirmed };
}

export function toWireAward(award: Award, lastEventSeq: number, attempts: AttemptRecord[], evidence: RmEvidence | null = null): WireAward {
  return {
    id: award.id,
    createdAt: award.createdAt,
    terminalLabel: award.terminalId,
    cashier: award.cashier,
    receiptRef: award.receiptRef,
    amountSen: award.amountSen,
    member: award.member,
    ...pointsOnTheWire(award),
    state: award.state,
    rmItemId: award.rmItemId,
    qrCodeUrl: award.qrCodeUrl,
    claimedAt: award.claimedAt,
    lastError: award.lastError,
    resolution: award.resolution,
    updatedAt: award.updatedAt,
    lastEventSeq,
    attempts,
    ...(evidence ? { evidence } : {}),
  };
}

/** The award as the core keeps it; a restored award has no retry pending (the relay's clock starts afresh). */
export function fromWireAward({ terminalLabel, lastEventSeq: _seq, attempts: _attempts, evidence: _evidence, ...award }: WireAward): Award {
  return { ...award, terminalId: terminalLabel, nextAttemptAt: 0 };
}
