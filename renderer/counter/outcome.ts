// Which panel a finished sale shows: one glance must tell the cashier what happened to the points.
import type { AwardView, SubmitOutcome } from '../types.ts';

export type OutcomeKind = 'awarded' | 'claimQr' | 'qrFailed' | 'queued' | 'sending' | 'review' | 'refused' | 'voided' | 'cancelled';

export function outcomeKind(award: AwardView): OutcomeKind {
  switch (award.state) {
    case 'AWARDED':
      return award.member.type === 'QRCODE' && award.qrCodeUrl ? 'claimQr' : 'awarded';
    case 'QUEUED':
      return 'queued';
    case 'SENDING':
      return 'sending';
    case 'UNKNOWN':
      return 'review';
    case 'REJECTED':
      return 'refused';
    case 'VOIDED':
      // The relay voids a claim QR it could not get from RM (nobody could ever claim it): the cashier must offer the
      // phone or member ID instead, which is not what "undone" says.
      return award.member.type === 'QRCODE' && award.lastError ? 'qrFailed' : 'voided';
    case 'CANCELLED':
      return 'cancelled';
  }
}

/** Why a queued award is waiting, for the sentence under the panel's heading. */
export type QueuedReason = NonNullable<SubmitOutcome['waiting']> | 'waiting';

export function queuedReason(waiting: SubmitOutcome['waiting'], online: boolean | undefined): QueuedReason {
  if (waiting) return waiting;
  return online === false ? 'offline' : 'waiting';
}

/**
 * RM was busy (HTTP 429) or limiting requests: nothing was given, and the relay sends it again by itself. Said in RM's
 * words, or "Saved: will be sent" under an Online header reads as a fault.
 */
const RATE_LIMIT_CODES: readonly string[] = ['TOO_MANY_REQUEST_PER_SECOND', 'EXCEEDED_LIMIT'];

/** RM's answer, when a queued award waits because RM was busy; else null. */
export function rateLimitOf(award: AwardView): AwardView['lastError'] {
  const error = award.state === 'QUEUED' ? award.lastError : null;
  return error && RATE_LIMIT_CODES.includes(error.code) ? error : null;
}
