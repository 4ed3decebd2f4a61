// The state an award shows in the manager's screens: its own, but for a claim QR RM made that Kaunter has not seen
// claimed. The totals count such a QR apart, never as given (app/common/totals.ts), so its row and its detail must not
// say "Awarded" either. Only the showing changes: History's filter still goes by the award's own state.
import { isUnclaimedQr } from '../../app/common/totals.ts';
import type { AwardState, AwardView } from '../types.ts';

export type ShownState = AwardState | 'unclaimedQr';

export function shownState(award: Pick<AwardView, 'state' | 'member' | 'claimedAt'>): ShownState {
  return isUnclaimedQr(award) ? 'unclaimedQr' : award.state;
}
