// The RM evidence a counter keeps and pushes stays small whatever RM's history holds: the nearest credits, matching
// ones first, and a schema both ends hold it to.
import { describe, expect, it } from 'vitest';
import { keptCandidates, MAX_EVIDENCE_CANDIDATES, rmEvidenceSchema, suggest, type Candidate } from '../../app/awards/rm-evidence.ts';

const credit = (points: number, secondsFromAttempt: number, pointsMatch: boolean): Candidate => ({
  entry: { type: 'SPENDING_REWARD', description: 'x'.repeat(500), points, createdAt: '2026-11-10T03:00:00Z' },
  secondsFromAttempt,
  pointsMatch,
});

describe('kept RM evidence', () => {
  it('keeps the matching credits first, then the nearest, and no more than the bound', () => {
    const many = [...Array.from({ length: 80 }, (_, i) => credit(5, i - 40, false)), credit(12, 800, true)];
    const kept = keptCandidates(many);
    expect(kept).toHaveLength(MAX_EVIDENCE_CANDIDATES);
    expect(kept[0]).toMatchObject({ entry: { points: 12 }, pointsMatch: true });
    expect(kept.slice(1).map((c) => Math.abs(c.secondsFromAttempt))).toEqual([...kept.slice(1).map((c) => Math.abs(c.secondsFromAttempt))].sort((a, b) => a - b));
    expect(kept.every((c) => (c.entry.description ?? '').length <= 200)).toBe(true);
    const evidence = { gatheredAt: 1, memberId: 'M1', expectedPoints: 12, window: { fromMs: 0, toMs: 1 }, candidates: kept };
    expect(rmEvidenceSchema.safeParse(evidence).success).toBe(true);
    expect(rmEvidenceSchema.safeParse({ ...evidence, candidates: [...kept, credit(1, 1, false)] }).success).toBe(false);
  });
});

describe('what the evidence suggests', () => {
  it('an awarded neighbour still on an estimate of another size may own the credit: unclear, not "credited"', () => {
    // Award A (RM 10.00) was awarded while offline under the estimate 9; RM gave it 10 and its figure never came back.
    // This award (RM 10.00, expected 10) is unknown, and RM's history holds that one credit of 10.
    const neighbour = { state: 'AWARDED' as const, pointsPreview: 9, pointsConfirmed: false };
    expect(suggest([credit(10, 30, true)], [neighbour], 10, false)).toMatchObject({ suggestion: 'unclear', explanationKey: 'evidence.shared' });
    // With RM's own figure for A (9: it was not A's credit), the credit is this award's.
    expect(suggest([credit(10, 30, true)], [{ ...neighbour, pointsConfirmed: true }], 10, false)).toMatchObject({ suggestion: 'credited' });
    // Two credits of 10 and only A unsure: one of them is this award's.
    expect(suggest([credit(10, 30, true), credit(10, 90, true)], [neighbour], 10, false)).toMatchObject({ suggestion: 'credited' });
  });

  it('an awarded neighbour whose estimate equals the expected points does not surely own the credit: unclear, not "resend"', () => {
    // A's estimate says 10, but RM's figure for it never came: RM may have given it 9, and the credit of 10 be this one's.
    const neighbour = { state: 'AWARDED' as const, pointsPreview: 10, pointsConfirmed: false };
    expect(suggest([credit(10, 30, true)], [neighbour], 10, false)).toMatchObject({ suggestion: 'unclear', explanationKey: 'evidence.shared' });
    // With RM's own figure of 10 for A, the credit is A's, and this award was not applied.
    expect(suggest([credit(10, 30, true)], [{ ...neighbour, pointsConfirmed: true }], 10, false)).toMatchObject({ suggestion: 'resend' });
  });
});
