// QR spending rewards: created by the counter, claimed once by a customer's phone, or cancelled by the counter
// while still unclaimed. Only state lives here; the routes decide what a customer or client sees.
import { newId } from './ids.ts';
import type { LedgerKind } from './ledger.ts';

export type ClaimState = 'open' | 'claimed' | 'cancelled';

export interface QrClaim {
  id: string;
  /** The call that made the QR: a spending reward, or manual points (POST /v3/loyalty/reward with type QRCODE). */
  kind: Extract<LedgerKind, 'spending-reward' | 'reward'>;
  /** Sen; 0 for manual points. */
  amount: number;
  points: number;
  /** The nonce of the spending-reward request that created it; the ledger entry carries it when claimed. */
  nonce: string;
  createdAt: string;
  state: ClaimState;
  claimedBy?: string;
}

export type CancelOutcome = 'cancelled' | 'already-claimed' | 'already-cancelled' | 'unknown';

export class ClaimStore {
  private readonly claims = new Map<string, QrClaim>();
  /** Claims made or changed since a training sandbox's journal last asked. */
  private readonly changed = new Set<string>();

  create(fields: Pick<QrClaim, 'kind' | 'amount' | 'points' | 'nonce' | 'createdAt'>): QrClaim {
    const claim: QrClaim = { id: newId(), ...fields, state: 'open' };
    this.claims.set(claim.id, claim);
    this.changed.add(claim.id);
    return { ...claim };
  }

  list(): QrClaim[] {
    return [...this.claims.values()].map((claim) => ({ ...claim }));
  }

  /** Puts back saved claims, so a claim QR shown before a restart can still be claimed after it. */
  restore(claims: readonly QrClaim[]): void {
    this.claims.clear();
    for (const claim of claims) this.claims.set(claim.id, { ...claim });
  }

  /** Puts back one claim as a journal recorded it (a newer copy replaces the older). */
  put(claim: QrClaim): void {
    this.claims.set(claim.id, { ...claim });
  }

  /** The claims made or changed since the last call. */
  takeChanges(): QrClaim[] {
    const changes = [...this.changed].flatMap((id) => {
      const claim = this.claims.get(id);
      return claim ? [{ ...claim }] : [];
    });
    this.changed.clear();
    return changes;
  }

  get(id: string): QrClaim | undefined {
    const claim = this.claims.get(id);
    return claim ? { ...claim } : undefined;
  }

  markClaimed(id: string, memberId: string): void {
    const claim = this.claims.get(id);
    if (claim?.state !== 'open') throw new Error(`QR claim ${id} is not open`);
    claim.state = 'claimed';
    claim.claimedBy = memberId;
    this.changed.add(id);
  }

  cancel(id: string): CancelOutcome {
    const claim = this.claims.get(id);
    if (!claim) return 'unknown';
    if (claim.state === 'claimed') return 'already-claimed';
    if (claim.state === 'cancelled') return 'already-cancelled';
    claim.state = 'cancelled';
    this.changed.add(id);
    return 'cancelled';
  }
}
