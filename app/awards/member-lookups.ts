// Who the member is, as the counter may see it. `award.preview` can be called by anyone at the counter with any phone
// number, so it must not become a way to read the loyalty list: the name is shortened to the first name and an initial
// ("Nurul A."), enough for the cashier to say "is this you?", and look-ups of members are rate-limited. A look-up of the
// same member again within a short while (the preview refreshes as the amount is typed) is answered from memory and
// not counted. Time is a monotonic clock, so turning the PC's clock does not refill the allowance.
import type { MemberIdentity } from '../common/member.ts';
import { rmMessageKey } from '../messages.ts';
import type { LoyaltyApi, MemberProfile } from '../rm/loyalty.ts';
import type { RmOutcome } from '../rm/outcome.ts';

/** Look-ups a counter may make at once; after that one more every REFILL_MS. */
export const LOOKUP_BURST = 10;
export const LOOKUP_REFILL_MS = 30_000;
const REMEMBER_MS = 60_000;
const REMEMBERED_MAX = 50;
/** Awards whose member's remembered balance was already dropped (an award's change is told more than once). */
const AWARDED_MAX = 200;

// Words that join a Malaysian name to a parent's (bin, binti, a/l, a/p ...): the initial shown is the next word's.
const NAME_JOINERS = new Set(['bin', 'binti', 'bt', 'bte', 'b.', 'a/l', 'a/p', 's/o', 'd/o', 'al', 'ap']);

/** "Nurul Aisyah binti Ahmad" -> "Nurul A."; one word stays as it is. */
export function counterName(fullName: string | null): string | null {
  const words = (fullName ?? '').trim().split(/\s+/).filter((word) => word !== '');
  const [first, ...rest] = words;
  if (first === undefined) return null;
  const initialOf = rest.find((word) => !NAME_JOINERS.has(word.toLowerCase())) ?? rest[0];
  return initialOf === undefined ? first : `${first} ${[...initialOf][0]?.toUpperCase() ?? ''}.`;
}

export interface CounterMember {
  name: string | null;
  points: number | null;
}

/** `problem.key` names it for the screens (app/messages.ts): RM's refusal (rm.*), or too many look-ups. */
export type LookupOutcome = { member: CounterMember | null; problem: { key: string; message: string } | null };

export class MemberLookups {
  private tokens = LOOKUP_BURST;
  private refilledAt: number;
  private readonly remembered = new Map<string, { at: number; outcome: LookupOutcome }>();
  /** Look-ups on their way to RM: a second asker of the same member waits for the first answer instead of asking again. */
  private readonly asking = new Map<string, Promise<LookupOutcome>>();
  private readonly awarded = new Set<string>();
  /** Members just credited: the next look-up of each (the new balance on the success panel) costs no allowance. */
  private readonly balanceDue = new Set<string>();

  private readonly clock: () => number;
  constructor(clock: () => number = () => performance.now()) {
    this.clock = clock;
    this.refilledAt = clock();
  }

  /** The member as the counter may see them, from RM (or from memory); nothing for a claim QR or without RM. */
  lookUpIn(loyalty: LoyaltyApi | null, member: MemberIdentity): Promise<LookupOutcome> {
    if (!loyalty || member.type === 'QRCODE') return Promise.resolve({ member: null, problem: null });
    return this.lookUp(member, async () => {
      const outcome: RmOutcome<MemberProfile | { name?: string; points?: number }> =
        member.type === 'ID' ? await loyalty.member(member.memberId) : await loyalty.memberByPhone(member.countryCode, member.phoneNumber);
      if (outcome.kind === 'success') return { member: { name: counterName(outcome.value.name ?? null), points: outcome.value.points ?? null }, problem: null };
      // Only a definite "no such member" is worth telling the cashier before they confirm; a network hiccup is not.
      return { member: null, problem: outcome.kind === 'rejected' ? { key: rmMessageKey(outcome.error.code), message: outcome.error.message } : null };
    });
  }

  /** An award to this member was credited: the balance remembered from before it is old, so the next look-up asks RM. */
  creditedTo(awardId: string, identity: MemberIdentity): void {
    if (this.awarded.has(awardId)) return;
    if (this.awarded.size >= AWARDED_MAX) this.awarded.clear();
    this.awarded.add(awardId);
    const key = JSON.stringify(identity);
    this.remembered.delete(key);
    // Reading back the balance of the member the counter just credited is the cashier's work, not a trawl of the
    // loyalty list: without this, a busy counter that had used its allowance showed "…" for the new balance.
    if (this.balanceDue.size >= AWARDED_MAX) this.balanceDue.clear();
    this.balanceDue.add(key);
  }

  /** Looks the member up through `ask` unless remembered, or says how long to wait when the counter asked too often. */
  async lookUp(identity: MemberIdentity, ask: () => Promise<LookupOutcome>): Promise<LookupOutcome> {
    const key = JSON.stringify(identity);
    const now = this.clock();
    const known = this.remembered.get(key);
    if (known && now - known.at < REMEMBER_MS) return known.outcome;
    const pending = this.asking.get(key);
    if (pending) return pending;
    this.refill(now);
    const free = this.balanceDue.delete(key);
    if (!free && this.tokens < 1) {
      const waitSeconds = Math.ceil((LOOKUP_REFILL_MS - (now - this.refilledAt)) / 1000);
      return {
        member: null,
        problem: {
          key: 'member.lookupsLimited',
          message: `Too many member look-ups at this counter. The next one is possible in ${waitSeconds} seconds; the award itself works without it.`,
        },
      };
    }
    if (!free) this.tokens -= 1;
    const asked = ask().finally(() => this.asking.delete(key));
    this.asking.set(key, asked);
    const outcome = await asked;
    // A look-up that RM did not answer (member and problem both unknown) is worth trying again at once.
    if (outcome.member === null && outcome.problem === null) return outcome;
    if (this.remembered.size >= REMEMBERED_MAX) this.remembered.clear();
    this.remembered.set(key, { at: now, outcome });
    return outcome;
  }

  private refill(now: number): void {
    const earned = Math.floor((now - this.refilledAt) / LOOKUP_REFILL_MS);
    if (earned <= 0) return;
    this.tokens = Math.min(LOOKUP_BURST, this.tokens + earned);
    this.refilledAt = this.tokens === LOOKUP_BURST ? now : this.refilledAt + earned * LOOKUP_REFILL_MS;
  }
}
