// The RM evidence a counter gathered for an UNKNOWN award, kept beside it (the newest gathering that said something
// new), so head office sees what RM said without asking RM. Keeping it notes an event on the award, which puts the
// award, with its evidence, into the next push to the hub.
import type { Db } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import { prepared } from '../store/statements.ts';
import { keptCandidates, rmEvidenceSchema, type Candidate, type RmEvidence } from './rm-evidence.ts';
import { say } from '../messages.ts';
import { EVIDENCE_ACTOR } from './event-words.ts';
import { noteEvent } from './transitions.ts';

interface Gathered {
  awardId: string;
  memberId: string;
  expectedPoints: number | null;
  window: RmEvidence['window'];
  candidates: Candidate[];
}

export function keepEvidence(db: Db, gathered: Gathered, now: number): void {
  const kept = rmEvidenceSchema.parse({
    gatheredAt: now,
    memberId: gathered.memberId,
    expectedPoints: gathered.expectedPoints,
    window: gathered.window,
    candidates: keptCandidates(gathered.candidates),
  });
  inTransaction(db, () => {
    const before = keptEvidence(db, gathered.awardId);
    // Asking again and hearing the same adds nothing to the award's trail.
    if (before && sameFindings(before, kept)) return;
    prepared(
      db,
      `INSERT INTO award_evidence (award_id, gathered_at, evidence) VALUES (?, ?, ?)
       ON CONFLICT (award_id) DO UPDATE SET gathered_at = excluded.gathered_at, evidence = excluded.evidence`,
    ).run(gathered.awardId, now, JSON.stringify(kept));
    const matching = kept.candidates.filter((c) => c.pointsMatch).length;
    noteEvent(db, gathered.awardId, EVIDENCE_ACTOR, say('event.evidenceGathered', { credits: kept.candidates.length, matching }), null, now);
  });
}

export function keptEvidence(db: Db, awardId: string): RmEvidence | null {
  const row = prepared(db, 'SELECT evidence FROM award_evidence WHERE award_id = ?').get(awardId) as { evidence: string } | undefined;
  if (!row) return null;
  const parsed = rmEvidenceSchema.safeParse(JSON.parse(row.evidence));
  return parsed.success ? parsed.data : null;
}

function sameFindings(a: RmEvidence, b: RmEvidence): boolean {
  return JSON.stringify({ ...a, gatheredAt: 0 }) === JSON.stringify({ ...b, gatheredAt: 0 });
}
