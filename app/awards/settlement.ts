// What a send's outcome means for the award: the one decision, used by the relay when an answer arrives and by crash
// recovery when an answer was recorded but its state change was not (the process died between the two commits).
import { say } from '../messages.ts';
import type { RmError } from '../rm/errors.ts';
import type { Award } from './award.ts';
import type { Change } from './transitions.ts';

export const RELAY_ACTOR = 'relay';

export const QR_UNREACHABLE_REASON = say('event.qrUnreachable');
export const QR_LOST_REASON = say('event.qrLost');
export const QR_NOT_MADE_CODE = 'QR_NOT_MADE';

/**
 * A claim QR still queued when its customer can no longer be waiting (the counter's wait ran out, or Kaunter restarted
 * before sending it): voided, never made later for nobody to scan.
 */
export function qrNotMade(actor: string): Change {
  const reason = say(`rm.${QR_NOT_MADE_CODE}`);
  return { to: 'VOIDED', actor, reason, errorCode: QR_NOT_MADE_CODE, lastError: { code: QR_NOT_MADE_CODE, message: reason } };
}

export type SendResult =
  | { kind: 'success'; rmItemId: string | null; qrCodeUrl: string | null }
  | { kind: 'notApplied' | 'maybeApplied' | 'rejected'; error: RmError };

/**
 * The state change for a send's result. `sending`: the award was claimed (SENDING) before the result; false when the
 * send stopped before any attempt (no token, a body that cannot be signed). `retryAt`: when a "not applied" award is
 * due again.
 */
export function settlement(award: Award, result: SendResult, sending: boolean, retryAt: number): Change {
  if (result.kind === 'success') {
    return { to: 'AWARDED', actor: RELAY_ACTOR, rmItemId: result.rmItemId, qrCodeUrl: result.qrCodeUrl, lastError: null };
  }
  const { error } = result;
  const lastError = { code: error.code, message: error.message };
  const base = { actor: RELAY_ACTOR, errorCode: error.code, lastError };
  if (award.member.type === 'QRCODE' && result.kind !== 'rejected') {
    // A claim QR nobody received cannot be claimed, so even "maybe applied" gives no points: void it and say why, in
    // the words the cashier reads.
    const reason = result.kind === 'notApplied' ? QR_UNREACHABLE_REASON : QR_LOST_REASON;
    return { ...base, to: 'VOIDED', reason, lastError: { code: error.code, message: reason } };
  }
  switch (result.kind) {
    case 'notApplied':
      return { ...base, to: 'QUEUED', reason: say('event.notApplied', { rm: error.message }), nextAttemptAt: retryAt };
    case 'rejected':
      // Refused before any attempt (the body could not be signed): nothing can be sent, so void it with the reason.
      return { ...base, to: sending ? 'REJECTED' : 'VOIDED', reason: error.message };
    case 'maybeApplied':
      return { ...base, to: 'UNKNOWN', reason: error.message };
  }
}
