// The loyalty members the sandbox knows: their point balances and point history. Callers get copies, so nothing
// outside this file can change a balance without a history entry.
import type { SandboxMemberSeed } from './member-seeds.ts';

export interface MemberHistoryEntry {
  key: string;
  type: string;
  description: string;
  /** Signed: positive when points were earned. */
  point: number;
  /** The balance after this entry. RM's real field is spelled with a capital P. */
  PointBalance: number;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxMember {
  memberId: string;
  countryCode: string;
  phoneNumber: string;
  name: string;
  email: string;
  loyaltyPoint: number;
  status: 'ACTIVE';
  createdAt: string;
  /** Newest first, as RM lists it. */
  history: MemberHistoryEntry[];
}

export interface PointChange {
  key: string;
  type: string;
  description: string;
  point: number;
  createdAt: string;
}

export interface MemberRecord {
  seed: SandboxMemberSeed;
  createdAt: string;
  loyaltyPoint: number;
  /** Oldest first. */
  history: MemberHistoryEntry[];
}

/** What a credit changed in one member, as a training sandbox's journal records it: the balance after, and the new entries. */
export interface MemberChange {
  memberId: string;
  loyaltyPoint: number;
  added: MemberHistoryEntry[];
}

export class MemberStore {
  private readonly byMemberId = new Map<string, MemberRecord>();
  /** How much of each member's history the journal already has. */
  private readonly journalled = new Map<string, number>();

  constructor(seeds: readonly SandboxMemberSeed[], createdAt: string) {
    for (const seed of seeds) {
      const record: MemberRecord = { seed, createdAt, loyaltyPoint: 0, history: [] };
      this.byMemberId.set(seed.memberId, record);
      const opening = seed.points ?? 0;
      if (opening > 0) {
        applyChange(record, {
          key: `opening-${seed.memberId}`,
          type: 'REWARD',
          description: 'Opening balance',
          point: opening,
          createdAt,
        });
      }
    }
  }

  byId(memberId: string): SandboxMember | undefined {
    const record = this.byMemberId.get(memberId);
    return record ? snapshot(record) : undefined;
  }

  byPhone(countryCode: string, phoneNumber: string): SandboxMember | undefined {
    for (const record of this.byMemberId.values()) {
      if (record.seed.countryCode === countryCode && record.seed.phoneNumber === phoneNumber) return snapshot(record);
    }
    return undefined;
  }

  list(): SandboxMember[] {
    return [...this.byMemberId.values()].map(snapshot);
  }

  /** Every member's balance and history as plain data, for a training sandbox that outlives a restart. */
  records(): MemberRecord[] {
    return [...this.byMemberId.values()].map((record) => structuredClone(record));
  }

  /** Puts back saved members: their balances and histories replace the seeds' fresh ones. */
  restore(records: readonly MemberRecord[]): void {
    for (const record of records) this.byMemberId.set(record.seed.memberId, structuredClone(record));
  }

  /** Each member credited since the last call, with the history entries added meanwhile. */
  takeChanges(): MemberChange[] {
    const changes: MemberChange[] = [];
    for (const [memberId, record] of this.byMemberId) {
      const from = this.journalled.get(memberId) ?? 0;
      if (record.history.length === from) continue;
      changes.push({ memberId, loyaltyPoint: record.loyaltyPoint, added: record.history.slice(from).map((entry) => ({ ...entry })) });
      this.journalled.set(memberId, record.history.length);
    }
    return changes;
  }

  /**
   * Applies the changes a journal recorded, in order. A change already in the member's history (a journal replayed over
   * a snapshot written after it) adds nothing twice: entries are known by their key, and the balance is the one
   * recorded after the change.
   */
  replay(changes: readonly MemberChange[]): void {
    const known = new Map<string, Set<string>>();
    for (const change of changes) {
      const record = this.byMemberId.get(change.memberId);
      if (!record) continue;
      let keys = known.get(change.memberId);
      if (!keys) {
        keys = new Set(record.history.map((entry) => entry.key));
        known.set(change.memberId, keys);
      }
      for (const entry of change.added) {
        if (keys.has(entry.key)) continue;
        keys.add(entry.key);
        record.history.push({ ...entry });
      }
      record.loyaltyPoint = change.loyaltyPoint;
    }
  }

  credit(memberId: string, change: PointChange): SandboxMember {
    const record = this.byMemberId.get(memberId);
    if (!record) throw new Error(`No member ${memberId} to credit`);
    applyChange(record, change);
    return snapshot(record);
  }
}

function applyChange(record: MemberRecord, change: PointChange): void {
  record.loyaltyPoint += change.point;
  record.history.push({ ...change, PointBalance: record.loyaltyPoint, updatedAt: change.createdAt });
}

function snapshot(record: MemberRecord): SandboxMember {
  const { seed } = record;
  return {
    memberId: seed.memberId,
    countryCode: seed.countryCode,
    phoneNumber: seed.phoneNumber,
    name: seed.name,
    email: seed.email ?? '',
    loyaltyPoint: record.loyaltyPoint,
    status: 'ACTIVE',
    createdAt: record.createdAt,
    history: record.history.map((entry) => ({ ...entry })).reverse(),
  };
}
