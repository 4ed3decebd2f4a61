// The loyalty endpoints Kaunter uses (docs/revenue-monster.md, Loyalty endpoints), answered from the sandbox's members,
// ledger and QR claims.
import type { ApiRequest } from './api-request.ts';
import { applyAward } from './apply-award.ts';
import type { ClaimStore } from './claims.ts';
import { RmRefusal } from './errors.ts';
import type { Ledger } from './ledger.ts';
import {
  phoneHint,
  readAmount,
  readAwardType,
  readCurrency,
  readPhone,
  readPoints,
  readText,
  type Phone,
} from './loyalty-fields.ts';
import { historyItems, memberItem, profileItem } from './member-view.ts';
import type { MemberStore, SandboxMember } from './members.ts';
import { successReply, type Reply } from './reply.ts';
import { pointsFor } from './spending-rule.ts';
import { rmTimestamp } from './time.ts';
import type { VerifiedRequest } from './verify.ts';

export interface LoyaltySettings {
  pointsPerRinggit: number;
  spendingRule: boolean;
  loyaltySubscribed: boolean;
}

export interface LoyaltyState {
  members: MemberStore;
  ledger: Ledger;
  claims: ClaimStore;
  settings: LoyaltySettings;
  claimUrl: (id: string) => string;
}

export type LoyaltyHandler = (request: ApiRequest, verified: VerifiedRequest, state: LoyaltyState) => Reply;

export function requireLoyaltySubscription(state: LoyaltyState): void {
  if (!state.settings.loyaltySubscribed) {
    throw new RmRefusal(400, 'LOYALTY_NOT_SUBSCRIBED', 'This merchant has not subscribed to RM loyalty.');
  }
}

export const spendingReward: LoyaltyHandler = (request, { body, nonce }, state) => {
  readCurrency(body);
  const amount = readAmount(body);
  const type = readAwardType(body);
  const points = pointsUnderRule(amount, state.settings);
  const createdAt = rmTimestamp(request.nowMs);
  if (type === 'QRCODE') {
    const claim = state.claims.create({ kind: 'spending-reward', amount, points, nonce, createdAt });
    return successReply({ item: { id: claim.id, qrCodeUrl: state.claimUrl(claim.id) } });
  }
  const member =
    type === 'ID'
      ? memberById(readText(body, 'memberId', '6190354873541245312'), state)
      : memberByPhone(readPhone(body), state);
  applyAward({ kind: 'spending-reward', memberId: member.memberId, amount, points, nonce, type, createdAt }, state.members, state.ledger);
  return successReply();
};

// Manual corrections: RM's "give loyalty point" (POST, the one loyalty call in RM's official Node SDK) and "deduct
// loyalty point" (DELETE, documented only in a newer copy of RM's docs). Verified and recorded like every award.
export const giveLoyaltyPoints: LoyaltyHandler = (request, { body, nonce }, state) => {
  const points = readPoints(body);
  const type = readAwardType(body);
  const createdAt = rmTimestamp(request.nowMs);
  if (type === 'QRCODE') {
    const claim = state.claims.create({ kind: 'reward', amount: 0, points, nonce, createdAt });
    return successReply({ item: { qrCodeUrl: state.claimUrl(claim.id) } });
  }
  const member =
    type === 'ID' ? memberById(readText(body, 'memberId', '2777058682717858418'), state) : memberByPhone(readPhone(body), state);
  applyAward({ kind: 'reward', memberId: member.memberId, amount: 0, points, nonce, type, createdAt }, state.members, state.ledger);
  return successReply();
};

export const deductLoyaltyPoints: LoyaltyHandler = (request, { body, nonce }, state) => {
  const points = readPoints(body);
  const member = memberById(readText(body, 'memberId', '2777058682717858418'), state);
  if (member.loyaltyPoint < points) {
    throw new RmRefusal(400, 'LOYALTY_INSUFFICIENT', `The member has ${member.loyaltyPoint} points; ${points} cannot be deducted.`);
  }
  const createdAt = rmTimestamp(request.nowMs);
  applyAward({ kind: 'deduct', memberId: member.memberId, amount: 0, points: -points, nonce, type: 'ID', createdAt }, state.members, state.ledger);
  return successReply();
};

export const calculateSpendingReward: LoyaltyHandler = (_request, { body }, state) => {
  readCurrency(body);
  const amount = readAmount(body);
  return successReply({ item: { point: pointsUnderRule(amount, state.settings) } });
};

/**
 * One claim QR spending reward and whether its customer claimed it. RM documents no such read (UNSURE): the sandbox
 * answers it so a counter can show "claimed"; against an RM without it, Kaunter simply never learns it this way.
 */
export const getSpendingReward: LoyaltyHandler = (request, _verified, state) => {
  const id = request.params.id ?? '';
  const claim = state.claims.get(id);
  if (!claim) throw new RmRefusal(404, 'LOYALTY_SPENDING_NOT_FOUND', `No spending reward has the id ${id}.`);
  return successReply({ item: { id: claim.id, status: claim.state.toUpperCase(), point: claim.points, ...(claim.claimedBy ? { memberId: claim.claimedBy } : {}) } });
};

// RM documents no codes for these refusals; the sandbox uses the nearest ones in RM's published list.
export const cancelSpendingReward: LoyaltyHandler = (_request, { body }, state) => {
  const id = readText(body, 'id', 'dee13d3470f2dd43466c252cfc67f967');
  const outcome = state.claims.cancel(id);
  switch (outcome) {
    case 'cancelled':
      return successReply();
    case 'unknown':
      throw new RmRefusal(404, 'LOYALTY_SPENDING_NOT_FOUND', `No spending reward has the id ${id}.`);
    case 'already-claimed':
      throw new RmRefusal(400, 'QR_REDEEMED', 'The customer already claimed these points; it can no longer be cancelled.');
    case 'already-cancelled':
      throw new RmRefusal(410, 'RESOURCE_GONE', 'This spending reward was already cancelled.');
  }
};

export const getMember: LoyaltyHandler = (request, _verified, state) =>
  successReply({ item: memberItem(memberById(request.params.memberId ?? '', state)) });

export const getMemberHistory: LoyaltyHandler = (request, _verified, state) => {
  const items = historyItems(memberById(request.params.memberId ?? '', state));
  return successReply({ items, meta: { count: items.length } });
};

export const getProfileByPhone: LoyaltyHandler = (request, _verified, state) => {
  const phone = readPhone(Object.fromEntries(request.query));
  return successReply({ item: profileItem(memberByPhone(phone, state)) });
};

export const checkMember: LoyaltyHandler = (_request, { body }, state) => {
  const phone = readPhone(body);
  return successReply({ item: { exist: state.members.byPhone(phone.countryCode, phone.phoneNumber) !== undefined } });
};

function pointsUnderRule(amount: number, settings: LoyaltySettings): number {
  if (!settings.spendingRule) {
    throw new RmRefusal(
      400,
      'SPENDING_NOT_FOUND',
      'No spending rule is configured for this merchant, so points cannot be computed.',
    );
  }
  return pointsFor(amount, settings.pointsPerRinggit);
}

function memberById(memberId: string, state: LoyaltyState): SandboxMember {
  const member = state.members.byId(memberId);
  if (!member) throw new RmRefusal(404, 'MEMBER_NOT_FOUND', `No member has the id ${memberId}.`);
  return member;
}

function memberByPhone(phone: Phone, state: LoyaltyState): SandboxMember {
  const member = state.members.byPhone(phone.countryCode, phone.phoneNumber);
  if (!member) {
    throw new RmRefusal(
      404,
      'MEMBER_NOT_FOUND',
      `No member has the phone number +${phone.countryCode} ${phone.phoneNumber}.${phoneHint(phone)}`,
    );
  }
  return member;
}
