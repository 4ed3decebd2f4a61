// Members in the shapes RM's Open API returns them (doc examples for GET member, /me and member history).
import type { SandboxMember } from './members.ts';

export function memberItem(member: SandboxMember): Record<string, unknown> {
  return {
    id: member.memberId,
    name: member.name,
    email: member.email,
    countryCode: member.countryCode,
    phoneNumber: member.phoneNumber,
    loyaltyPoint: member.loyaltyPoint,
    memberTier: null,
    status: member.status,
    createdAt: member.createdAt,
  };
}

/**
 * RM documents /v3/loyalty/me with `loyaltyPointBalance` and `totalLoyaltyPoint` instead of `loyaltyPoint` (and an
 * empty `id` in its example). The sandbox sends all three names and the real id, so a client written against either
 * copy of the docs works; a client should still not depend on `id` being present here.
 */
export function profileItem(member: SandboxMember): Record<string, unknown> {
  const earned = member.history.filter((entry) => entry.point > 0).reduce((sum, entry) => sum + entry.point, 0);
  return { ...memberItem(member), loyaltyPointBalance: member.loyaltyPoint, totalLoyaltyPoint: earned };
}

export function historyItems(member: SandboxMember): Record<string, unknown>[] {
  return member.history.map((entry) => ({
    key: entry.key,
    type: entry.type,
    description: entry.description,
    point: entry.point,
    PointBalance: entry.PointBalance,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  }));
}
