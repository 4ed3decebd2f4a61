// Applying a point change is two writes that belong together: the member's balance and history, and the ledger line.
import { newId } from './ids.ts';
import type { AwardType, Ledger, LedgerEntry, LedgerKind } from './ledger.ts';
import type { MemberStore, SandboxMember } from './members.ts';

export interface AwardToApply {
  kind: LedgerKind;
  memberId: string;
  amount: number;
  points: number;
  nonce: string;
  type: AwardType;
  createdAt: string;
  spendingRewardId?: string;
}

// The history type RM shows for a QR claim is documented (QR_CODE_REDEEM); the others are not.
function historyType(award: AwardToApply): string {
  if (award.type === 'QRCODE') return 'QR_CODE_REDEEM';
  if (award.kind === 'spending-reward') return 'SPENDING_REWARD';
  return award.kind === 'reward' ? 'REWARD' : 'DEDUCT';
}

export function applyAward(award: AwardToApply, members: MemberStore, ledger: Ledger): SandboxMember {
  const entry: LedgerEntry = { id: newId(), ...award };
  if (award.spendingRewardId === undefined) delete entry.spendingRewardId;
  const member = members.credit(award.memberId, {
    key: entry.id,
    type: historyType(award),
    description: award.points < 0 ? `Deducted ${-award.points} points` : `Earned ${award.points} points`,
    point: award.points,
    createdAt: award.createdAt,
  });
  ledger.append(entry);
  return member;
}
