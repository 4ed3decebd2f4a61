// Every award the sandbox applied, with the nonce of the request that caused it: the ground truth a test or trainer
// compares a client's own records with ("was that lost response applied or not?").

export type AwardType = 'ID' | 'PHONENUMBER' | 'QRCODE';

/** Which Open API call changed the points: a spending reward, or a manual correction given or deducted. */
export type LedgerKind = 'spending-reward' | 'reward' | 'deduct';

export interface LedgerEntry {
  id: string;
  kind: LedgerKind;
  memberId: string;
  /** Signed: negative for a deduction. */
  points: number;
  /** Sen of the sale; 0 for a manual correction. */
  amount: number;
  nonce: string;
  createdAt: string;
  type: AwardType;
  /** For QR awards: the spending-reward id the counter was given. */
  spendingRewardId?: string;
}

export class Ledger {
  private readonly entries: LedgerEntry[] = [];

  append(entry: LedgerEntry): void {
    this.entries.push({ ...entry });
  }

  list(): LedgerEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  get length(): number {
    return this.entries.length;
  }

  /** The entries from `index` on: what a training sandbox's journal has not written yet. */
  since(index: number): LedgerEntry[] {
    return this.entries.slice(index).map((entry) => ({ ...entry }));
  }

  /** Appends what a journal recorded, skipping entries already here (a journal replayed over a snapshot written after it). */
  replay(entries: readonly LedgerEntry[]): void {
    const known = new Set(this.entries.map((entry) => entry.id));
    for (const entry of entries) {
      if (known.has(entry.id)) continue;
      known.add(entry.id);
      this.entries.push({ ...entry });
    }
  }

  /** Puts back a saved ledger (a training sandbox that outlives a restart). */
  restore(entries: readonly LedgerEntry[]): void {
    this.entries.splice(0, this.entries.length, ...entries.map((entry) => ({ ...entry })));
  }
}
