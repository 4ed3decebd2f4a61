// Which state may follow which (docs/award-states.md). Pure data, shared by the counter's transitions and by the hub,
// which checks every event a terminal pushes against it.
import type { AwardState } from './award.ts';

const ALLOWED: Record<AwardState, readonly AwardState[]> = {
  // QUEUED -> UNKNOWN only for an award another PC may have sent: on a replacement PC, after the old one's last push
  // (restore.ts); on a PC put back from a backup copy, after the copy was taken (attempts.ts holdPutBackQueue).
  QUEUED: ['SENDING', 'VOIDED', 'QUEUED', 'UNKNOWN'],
  // SENDING -> VOIDED only for claim QR awards, which are never left queued (see relay.ts).
  SENDING: ['AWARDED', 'QUEUED', 'REJECTED', 'UNKNOWN', 'VOIDED'],
  UNKNOWN: ['AWARDED', 'QUEUED', 'VOIDED'],
  AWARDED: ['CANCELLED'],
  REJECTED: [],
  VOIDED: [],
  CANCELLED: [],
};

export function canTransition(from: AwardState, to: AwardState): boolean {
  return ALLOWED[from].includes(to);
}

/** An event as the trail may hold it: the award's creation (as QUEUED), a note (same state), or an allowed change. */
export function isValidEvent(from: AwardState | null, to: AwardState): boolean {
  if (from === null) return to === 'QUEUED';
  return from === to || canTransition(from, to);
}
