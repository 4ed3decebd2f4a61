// RM's evidence on an UNKNOWN award as a counter gathered it (the member's credits near the attempts), in the shape the
// counter keeps and pushes to the hub, and the one rule that turns evidence into a suggestion. The hub never asks RM:
// it weighs what a counter gathered against the awards of every counter, with this same rule.
import { z } from 'zod';
import { say, type MessageParams } from '../messages.ts';
import type { AwardState } from './award.ts';

/** RM's clock and ours differ a little, and RM may record a credit a while after the request. */
const WINDOW_BEFORE_MS = 5 * 60_000;
const WINDOW_AFTER_MS = 15 * 60_000;
/** Before this, a missing credit proves little: RM may not have written it to the history yet. */
const SETTLE_MS = 2 * 60_000;

export interface EvidenceWindow {
  fromMs: number;
  toMs: number;
}

/** The event code of an award a replacement PC brought back unsettled: held for a manager, or noted (attempts.ts). */
export const RESTORED_CODE = 'RESTORED';
/** The event code of an award a PC put back from a backup copy still had waiting to send: held for a manager. */
export const PUT_BACK_CODE = 'PUT_BACK';
/** Held because another PC may have sent the award, at any time up to the hold. */
const HELD_CODES: ReadonlySet<string | null> = new Set([RESTORED_CODE, PUT_BACK_CODE]);

/** When the award may have reached RM. */
export interface SendSpan {
  firstMs: number;
  lastMs: number;
}

/**
 * From its first attempt (or its sale, when it was never sent here) to its last attempt; for an award brought back
 * onto a replacement PC waiting or unsettled, or held on a PC put back from a backup copy, to that hold: the other PC
 * may have sent it at any time before it.
 */
export function sendSpan(
  createdAt: number,
  attempts: ReadonlyArray<{ startedAt: number }>,
  events: ReadonlyArray<{ at: number; to: AwardState; errorCode: string | null }>,
): SendSpan {
  const firstMs = attempts[0]?.startedAt ?? createdAt;
  const restored = events.findLast((event) => event.to === 'UNKNOWN' && HELD_CODES.has(event.errorCode));
  return { firstMs, lastMs: Math.max(attempts.at(-1)?.startedAt ?? firstMs, restored?.at ?? 0) };
}

/** Where to look for this award's credit. */
export function evidenceWindow(span: SendSpan): EvidenceWindow {
  return { fromMs: span.firstMs - WINDOW_BEFORE_MS, toMs: span.lastMs + WINDOW_AFTER_MS };
}

/** The part of `given` inside the award's own window: a window from elsewhere never reaches further than the award's. */
export function cutToWindow(given: EvidenceWindow, own: EvidenceWindow): EvidenceWindow {
  return { fromMs: Math.max(given.fromMs, own.fromMs), toMs: Math.min(given.toMs, own.toMs) };
}

/** True while RM may not have listed the last send's credit yet. */
export function tooRecent(span: SendSpan, now: number): boolean {
  return now - span.lastMs < SETTLE_MS;
}

/** Enough for a busy member's window; kept evidence stays a few kilobytes whatever RM's history holds. */
export const MAX_EVIDENCE_CANDIDATES = 50;

const ms = z.number().int().nonnegative().max(8_640_000_000_000);

export const candidateSchema = z.strictObject({
  entry: z.strictObject({
    type: z.string().max(60).optional(),
    description: z.string().max(200).optional(),
    /** Signed: credits are positive. */
    points: z.number().int(),
    createdAt: z.string().min(1).max(40),
  }),
  /** Seconds from the first attempt of this award (or its sale, when never sent here) to the credit (negative: before it). */
  secondsFromAttempt: z.number().int(),
  pointsMatch: z.boolean(),
});
export type Candidate = z.infer<typeof candidateSchema>;

/** What a counter keeps of the evidence it gathered, and what crosses the wire with the award. */
export const rmEvidenceSchema = z.strictObject({
  gatheredAt: ms,
  memberId: z.string().min(1).max(64),
  expectedPoints: z.number().int().nonnegative().nullable(),
  window: z.strictObject({ fromMs: ms, toMs: ms }),
  candidates: z.array(candidateSchema).max(MAX_EVIDENCE_CANDIDATES),
});
export type RmEvidence = z.infer<typeof rmEvidenceSchema>;

/** The credits worth keeping when RM lists more than fit: those nearest the attempt, matching ones first. */
export function keptCandidates(candidates: Candidate[]): Candidate[] {
  return [...candidates]
    .sort((a, b) => Number(b.pointsMatch) - Number(a.pointsMatch) || Math.abs(a.secondsFromAttempt) - Math.abs(b.secondsFromAttempt))
    .slice(0, MAX_EVIDENCE_CANDIDATES)
    .map(({ entry, secondsFromAttempt, pointsMatch }) => ({
      entry: {
        ...(entry.type === undefined ? {} : { type: entry.type.slice(0, 60) }),
        ...(entry.description === undefined ? {} : { description: entry.description.slice(0, 200) }),
        points: entry.points,
        createdAt: entry.createdAt.slice(0, 40),
      },
      secondsFromAttempt,
      pointsMatch,
    }));
}

export type Suggestion = 'credited' | 'resend' | 'unclear';

export interface Explained {
  explanation: string;
  explanationKey: string;
  explanationParams: MessageParams;
}

/** The explanation in English, and as a code the screens translate. */
export function explained(key: string, params: MessageParams = {}): Explained {
  return { explanation: say(key, params), explanationKey: key, explanationParams: params };
}

/**
 * A credit of exactly the expected size (the spending rule gives the same points for the same amount) counts for this
 * award only when more of them were credited than the member's other awarded awards of that size explain. Other awards
 * whose own outcome is unknown (or still being sent) may own a credit as well: those of that size, and those whose
 * points are only Kaunter's estimate (queued offline: often a point off RM's figure), whatever it says; so may an awarded
 * one still on an estimate (RM's figure for it never came). While they could explain it, the answer is unclear, never
 * "credited" for both, nor "resend" on a credit an estimate only seemed to explain.
 */
export function suggest(
  candidates: Candidate[],
  neighbours: ReadonlyArray<{ state: AwardState; pointsPreview: number | null; pointsConfirmed?: boolean }>,
  expectedPoints: number | null,
  tooRecent: boolean,
): { suggestion: Suggestion } & Explained {
  if (expectedPoints === null) return { suggestion: 'unclear', ...explained('evidence.pointsUnknown') };
  const matching = candidates.filter((c) => c.pointsMatch).length;
  // An awarded neighbour whose points are only Kaunter's estimate was credited something by RM, perhaps the expected
  // points whatever its estimate says, perhaps not: it neither surely explains a credit nor surely leaves it.
  const estimated = (n: (typeof neighbours)[number]): boolean => n.pointsConfirmed === false;
  const explainedElsewhere = neighbours.filter((n) => n.state === 'AWARDED' && !estimated(n) && n.pointsPreview === expectedPoints).length;
  const unsure = neighbours.filter((n) => {
    if (n.state === 'UNKNOWN' || n.state === 'SENDING') return n.pointsPreview === expectedPoints || estimated(n);
    return n.state === 'AWARDED' && estimated(n);
  }).length;
  if (matching > explainedElsewhere + unsure) {
    return { suggestion: 'credited', ...explained('evidence.credited', { matching, points: expectedPoints, elsewhere: explainedElsewhere }) };
  }
  if (matching > explainedElsewhere) {
    return { suggestion: 'unclear', ...explained('evidence.shared', { matching, points: expectedPoints, elsewhere: explainedElsewhere, unsure }) };
  }
  if (tooRecent) return { suggestion: 'unclear', ...explained('evidence.tooRecent') };
  return { suggestion: 'resend', ...explained('evidence.resend', { points: expectedPoints }) };
}
