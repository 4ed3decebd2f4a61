// The loyalty endpoints Kaunter uses (docs/revenue-monster.md, Loyalty endpoints). Response schemas accept extra fields
// and read only what Kaunter needs, because RM's documented examples are incomplete and it adds fields over time.
import { z } from 'zod';
import type { MemberIdentity } from '../common/member.ts';
import { MAX_POINTS } from '../common/money.ts';
import type { CallHooks, RmClient } from './client.ts';
import type { RmOutcome } from './outcome.ts';

const CURRENCY = 'MYR';
const LOYALTY = '/v3/loyalty';

const success = z.object({ code: z.literal('SUCCESS') });

/**
 * A SUCCESS that writes a missing object or field as JSON null ("item": null) still says the points were given: read
 * null as absent rather than call RM's answer unreadable, which would leave the award for a manager to check (UNSURE
 * whether RM ever sends it; servers commonly do).
 */
const absentIfNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

// RM documents `item` only for QR awards; keep `item.id` if it ever appears for ID and phone awards too (UNSURE).
const spendingRewardResponse = success.extend({
  item: absentIfNull(z.object({ id: absentIfNull(z.string()), qrCodeUrl: absentIfNull(z.string()) })),
});

// A figure no spending rule can give (below nought, or more than the largest sale earns) is not RM's answer to trust.
const calculateResponse = success.extend({ item: z.object({ point: z.number().int().nonnegative().max(MAX_POINTS) }) });

const spendingRewardStatusResponse = success.extend({ item: z.object({ status: z.string() }) });

/** Where a claim QR stands at RM: the customer claimed it, the shop cancelled it, or it is still open. */
export type ClaimStatus = 'open' | 'claimed' | 'cancelled';

const memberItem = z.object({
  id: z.string(),
  name: z.string().optional(),
  countryCode: z.string().optional(),
  phoneNumber: z.string().optional(),
  loyaltyPoint: z.number().optional(),
  status: z.string().optional(),
});
const memberResponse = success.extend({ item: memberItem });

const historyItem = z.object({
  type: z.string().optional(),
  description: z.string().optional(),
  point: z.number(),
  createdAt: z.string(),
});
const historyResponse = success.extend({ items: z.array(historyItem).nullable().optional() });

// GET /me: RM's example shows `loyaltyPointBalance` and an empty `id`; other copies say `loyaltyPoint` (UNSURE). Read
// whichever balance field is present and treat an empty id as no id.
const profileResponse = success.extend({
  item: z.object({
    id: z.string().optional(),
    memberId: z.string().optional(),
    name: z.string().optional(),
    loyaltyPointBalance: z.number().optional(),
    loyaltyPoint: z.number().optional(),
    point: z.number().optional(),
  }),
});

// The reference documents `{item: {exist}}`; RM's own doc example answers a bare `"item": true` (UNSURE): accept both.
const checkResponse = success.extend({ item: z.union([z.boolean(), z.object({ exist: z.boolean() })]) });

export interface SpendingReward {
  id?: string;
  qrCodeUrl?: string;
}

export interface Member {
  id: string;
  name?: string;
  countryCode?: string;
  phoneNumber?: string;
  points?: number;
}

export interface PointHistoryEntry {
  type?: string;
  description?: string;
  /** Signed: credits are positive. */
  points: number;
  createdAt: string;
}

export interface MemberProfile {
  memberId?: string;
  name?: string;
  points?: number;
}

export class LoyaltyApi {
  private readonly client: RmClient;
  constructor(client: RmClient) {
    this.client = client;
  }

  async spendingReward(amountSen: number, member: MemberIdentity, hooks?: CallHooks): Promise<RmOutcome<SpendingReward>> {
    const outcome = await this.client.call(
      { method: 'POST', path: `${LOYALTY}/spending-reward`, body: spendingRewardBody(amountSen, member), idempotent: false, schema: spendingRewardResponse },
      hooks,
    );
    return mapSuccess(outcome, (value) => ({ ...value.item }));
  }

  async calculatePoints(amountSen: number): Promise<RmOutcome<number>> {
    const outcome = await this.client.call({
      method: 'POST',
      path: `${LOYALTY}/spending-reward/calculate`,
      body: { currencyType: CURRENCY, amount: amountSen },
      idempotent: true,
      schema: calculateResponse,
    });
    return mapSuccess(outcome, (value) => value.item.point);
  }

  /** Whether a claim QR was claimed. Not in RM's published reference (UNSURE): where RM lacks it, the answer is an error. */
  async claimStatus(id: string): Promise<RmOutcome<ClaimStatus>> {
    const outcome = await this.client.call({
      method: 'GET',
      path: `${LOYALTY}/spending-reward/${encodeURIComponent(id)}`,
      idempotent: true,
      schema: spendingRewardStatusResponse,
    });
    return mapSuccess(outcome, ({ item }) => {
      const status = item.status.toUpperCase();
      if (status === 'CLAIMED' || status === 'REDEEMED') return 'claimed';
      return status === 'CANCELLED' ? 'cancelled' : 'open';
    });
  }

  async cancelSpendingReward(id: string, hooks?: CallHooks): Promise<RmOutcome<null>> {
    const outcome = await this.client.call(
      { method: 'POST', path: `${LOYALTY}/spending-reward/cancel`, body: { id }, idempotent: false, schema: success },
      hooks,
    );
    return mapSuccess(outcome, () => null);
  }

  async member(memberId: string): Promise<RmOutcome<Member>> {
    const outcome = await this.client.call({
      method: 'GET',
      path: `${LOYALTY}/member/${encodeURIComponent(memberId)}`,
      idempotent: true,
      schema: memberResponse,
    });
    return mapSuccess(outcome, ({ item }) => ({
      id: item.id,
      ...(item.name === undefined ? {} : { name: item.name }),
      ...(item.countryCode === undefined ? {} : { countryCode: item.countryCode }),
      ...(item.phoneNumber === undefined ? {} : { phoneNumber: item.phoneNumber }),
      ...(item.loyaltyPoint === undefined ? {} : { points: item.loyaltyPoint }),
    }));
  }

  async memberHistory(memberId: string): Promise<RmOutcome<PointHistoryEntry[]>> {
    const outcome = await this.client.call({
      method: 'GET',
      path: `${LOYALTY}/member/${encodeURIComponent(memberId)}/history`,
      idempotent: true,
      schema: historyResponse,
    });
    return mapSuccess(outcome, (value) =>
      (value.items ?? []).map((entry) => ({
        points: entry.point,
        createdAt: entry.createdAt,
        ...(entry.type === undefined ? {} : { type: entry.type }),
        ...(entry.description === undefined ? {} : { description: entry.description }),
      })),
    );
  }

  async memberByPhone(countryCode: string, phoneNumber: string): Promise<RmOutcome<MemberProfile>> {
    const outcome = await this.client.call({
      method: 'GET',
      path: `${LOYALTY}/me`,
      query: { countryCode, phoneNumber },
      idempotent: true,
      schema: profileResponse,
    });
    return mapSuccess(outcome, ({ item }) => {
      const memberId = item.id || item.memberId || undefined;
      const points = item.loyaltyPointBalance ?? item.loyaltyPoint ?? item.point;
      return {
        ...(memberId === undefined ? {} : { memberId }),
        ...(item.name === undefined ? {} : { name: item.name }),
        ...(points === undefined ? {} : { points }),
      };
    });
  }

  async memberExists(countryCode: string, phoneNumber: string): Promise<RmOutcome<boolean>> {
    const outcome = await this.client.call({
      method: 'POST',
      path: `${LOYALTY}/member/check`,
      body: { countryCode, phoneNumber },
      idempotent: true,
      schema: checkResponse,
    });
    return mapSuccess(outcome, ({ item }) => (typeof item === 'boolean' ? item : item.exist));
  }
}

export function spendingRewardBody(amountSen: number, member: MemberIdentity): Record<string, unknown> {
  const base = { currencyType: CURRENCY, amount: amountSen, type: member.type };
  switch (member.type) {
    case 'ID':
      return { ...base, memberId: member.memberId };
    case 'PHONENUMBER':
      return { ...base, countryCode: member.countryCode, phoneNumber: member.phoneNumber };
    case 'QRCODE':
      return base;
  }
}

function mapSuccess<T, U>(outcome: RmOutcome<T>, map: (value: T) => U): RmOutcome<U> {
  return outcome.kind === 'success' ? { kind: 'success', value: map(outcome.value) } : outcome;
}
