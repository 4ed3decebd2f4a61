// Applying an award is two writes that belong together: the member's balance and history, and the ledger line.
import { newId } from './ids.ts';
import type { AwardType, Ledger, LedgerEntry } from './ledger.ts';
import type { MemberStore, SandboxMember } from './members.ts';

export interface AwardToApply {
  memberId: string;
  amount: number;
  points: number;
  nonce: string;
  type: AwardType;
  createdAt: string;
  spendingRewardId?: string;
}

// The history type RM shows for a QR claim is documented (QR_CODE_REDEEM); the one for ID/phone awards is not.
const HISTORY_TYPE: Record<AwardType, string> = {
  ID: 'SPENDING_REWARD',
  PHONENUMBER: 'SPENDING_REWARD',
  QRCODE: 'QR_CODE_REDEEM',
};

export function applyAward(award: AwardToApply, members: MemberStore, ledger: Ledger): SandboxMember {
  const entry: LedgerEntry = { id: newId(), ...award };
  if (award.spendingRewardId === undefined) delete entry.spendingRewardId;
  const member = members.credit(award.memberId, {
    key: entry.id,
    type: HISTORY_TYPE[award.type],
    description: `Earned ${award.points} points`,
    point: award.points,
    createdAt: award.createdAt,
  });
  ledger.append(entry);
  return member;
}
