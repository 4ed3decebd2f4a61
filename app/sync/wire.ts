// What crosses the wire between a counter and the hub: the counter's own records (awards with their attempts, and the
// append-only event trail) in the core's shapes. One schema for both ends, so the hub refuses exactly what a counter
// could never have written.
import { z } from 'zod';
import { AWARD_STATES, receiptRefSchema } from '../awards/award.ts';
import { isValidEvent } from '../awards/state-machine.ts';
import { memberIdentitySchema } from '../member.ts';
import { MAX_AMOUNT_SEN, MAX_POINTS } from '../common/money.ts';
import { rmEvidenceSchema } from '../awards/rm-evidence.ts';
import { readingPastNewerFields } from './newer-fields.ts';

export const SYNC_PROTOCOL = 1;
/** Events per push: small enough that reading a batch never holds up the relay for long. */
export const MAX_BATCH_EVENTS = 1_000;
export const MAX_ATTEMPTS_PER_AWARD = 200;

const ms = z.number().int().nonnegative().max(8_640_000_000_000);
const text = (max: number) => z.string().max(max);
const state = z.enum(AWARD_STATES);

/**
 * A member as the counter stored it: only its shape and sizes, not today's typing rules, so an award written under
 * older rules still reaches the hub (app/member.ts storedMemberSchema says why).
 */
const storedMember = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ID'), memberId: text(64).min(1) }),
  z.strictObject({ type: z.literal('PHONENUMBER'), countryCode: text(3).min(1), phoneNumber: text(20).min(1) }),
  z.strictObject({ type: z.literal('QRCODE') }),
]);

export const wireAttemptSchema = z.strictObject({
  /** The hub keeps it in a 32-bit column; a counter makes at most MAX_ATTEMPTS_PER_AWARD. */
  number: z.number().int().positive().max(2_147_483_647),
  nonce: text(64).min(1),
  timestamp: text(20).min(1),
  startedAt: ms,
  outcome: z.enum(['success', 'notApplied', 'maybeApplied', 'rejected', 'interrupted']).nullable(),
  errorCode: text(64).nullable(),
  finishedAt: ms.nullable(),
});

export const wireEventSchema = z.strictObject({
  /** The counter's event id: its position in the terminal's trail, never reused. */
  seq: z.number().int().positive(),
  awardId: z.uuid(),
  at: ms,
  from: state.nullable(),
  to: state,
  actor: text(120).min(1),
  reason: text(8_000).nullable(),
  errorCode: text(64).nullable(),
});

export const wireAwardSchema = z.strictObject({
  id: z.uuid(),
  createdAt: ms,
  /** The terminal name the counter wrote on the award (its own label, not the hub's terminal id). */
  terminalLabel: text(120).min(1),
  cashier: text(60).min(1),
  receiptRef: text(64).nullable(),
  amountSen: z.number().int().positive().max(MAX_AMOUNT_SEN),
  member: storedMember,
  pointsPreview: z.number().int().nonnegative().max(MAX_POINTS).nullable(),
  /** True when pointsPreview is RM's own figure rather than the counter's estimate. */
  pointsConfirmed: z.boolean(),
  state,
  rmItemId: text(128).nullable(),
  qrCodeUrl: text(2_048).nullable(),
  /** When RM said the customer claimed the claim QR; null until then (and for every other member type). */
  claimedAt: ms.nullable(),
  lastError: z.strictObject({ code: text(64), message: text(8_000) }).nullable(),
  resolution: z.strictObject({ by: text(120), at: ms, reason: text(8_000) }).nullable(),
  updatedAt: ms,
  /** The newest event of this award when the snapshot was read: a snapshot replaces an older one, never a newer one. */
  lastEventSeq: z.number().int().positive(),
  attempts: z.array(wireAttemptSchema).max(MAX_ATTEMPTS_PER_AWARD),
  /** What RM's point history said when the counter last gathered evidence on it (only awards that were UNKNOWN). */
  evidence: rmEvidenceSchema.optional(),
});

export type WireAttempt = z.infer<typeof wireAttemptSchema>;
export type WireEvent = z.infer<typeof wireEventSchema>;
export type WireAward = z.infer<typeof wireAwardSchema>;

export const pushBatchSchema = z
  .strictObject({
    protocol: z.literal(SYNC_PROTOCOL),
    /** The last event the counter knows the hub has: the batch continues from there. */
    after: z.number().int().nonnegative(),
    events: z.array(wireEventSchema).min(1).max(MAX_BATCH_EVENTS),
    awards: z.array(wireAwardSchema).min(1).max(MAX_BATCH_EVENTS),
  })
  .superRefine((batch, ctx) => {
    const problem = batchProblem(batch);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export type PushBatch = z.infer<typeof pushBatchSchema>;

/** The rules a single field cannot say: events in order after `after`, each award once and consistent with them. */
function batchProblem(batch: { after: number; events: WireEvent[]; awards: WireAward[] }): string | null {
  let previous = batch.after;
  for (const event of batch.events) {
    if (event.seq <= previous) return `Events must come in increasing order after ${batch.after}; event ${event.seq} does not.`;
    if (!isValidEvent(event.from, event.to)) return `Event ${event.seq} changes ${event.from ?? 'nothing'} to ${event.to}, which no award can do.`;
    previous = event.seq;
  }
  const awards = new Map<string, WireAward>();
  for (const award of batch.awards) {
    if (awards.has(award.id)) return `Award ${award.id} appears twice in the batch.`;
    awards.set(award.id, award);
  }
  for (const award of batch.awards) {
    const numbers = new Set(award.attempts.map((attempt) => attempt.number));
    if (numbers.size !== award.attempts.length) return `Award ${award.id} has two attempts with the same number.`;
  }
  const touched = new Set<string>();
  for (const event of batch.events) {
    const award = awards.get(event.awardId);
    if (!award) return `Event ${event.seq} is for award ${event.awardId}, which is not in the batch.`;
    if (award.lastEventSeq < event.seq) return `Award ${award.id} says its newest event is ${award.lastEventSeq}, but the batch has ${event.seq}.`;
    if (award.lastEventSeq === event.seq && award.state !== event.to) return `Award ${award.id} is ${award.state}, but its newest event says ${event.to}.`;
    touched.add(award.id);
  }
  if (touched.size !== awards.size) return 'The batch carries an award that none of its events is about.';
  return null;
}

// Replies from the hub are read as RM's are: fields a newer hub added are left unread, so upgrading the hub before its
// counters does not stop their sync. What counters send stays strict at the hub (the requests' schemas).
export const pushReplySchema = z.object({ ackedSeq: z.number().int().nonnegative() });
/** A manager's decision taken at the hub, for the counter that owns the award to carry out. */
export const hubDecisionSchema = z.object({
  id: z.uuid(),
  awardId: z.uuid(),
  decision: z.enum(['credited', 'resend', 'void']),
  reason: text(1_000).min(1),
  decidedBy: text(80).min(1),
});
export type HubDecision = z.infer<typeof hubDecisionSchema>;

export const decisionReportSchema = z.strictObject({
  outcome: z.enum(['carried-out', 'refused']),
  message: text(1_000),
});
export type DecisionReport = z.infer<typeof decisionReportSchema>;

/** What the hub says when a counter with nothing to send checks in: its position, and decisions waiting for it. */
export const checkInReplySchema = z.object({ ackedSeq: z.number().int().nonnegative(), decisions: z.array(hubDecisionSchema).max(50) });
export type CheckInReply = z.infer<typeof checkInReplySchema>;
export type PushReply = z.infer<typeof pushReplySchema>;

/** One award as a restore page carries it: the snapshot with its whole event trail. */
export const restoredAwardSchema = z.object({
  award: wireAwardSchema,
  events: z.array(wireEventSchema).min(1),
});
export type RestoredAward = z.infer<typeof restoredAwardSchema>;

/** Its awards carry the strict schemas of what counters send, read past a newer hub's fields (newer-fields.ts). */
export const restorePageSchema = readingPastNewerFields(
  z.object({
    items: z.array(restoredAwardSchema),
    nextCursor: z.string().nullable(),
    /** The terminal's acknowledged position at the hub. */
    ackedSeq: z.number().int().nonnegative(),
  }),
);
export type RestorePage = z.infer<typeof restorePageSchema>;

export const joinReplySchema = z.object({
  terminalId: z.uuid(),
  terminal: z.string(),
  outlet: z.string(),
  credential: z.string().min(20),
  /** How far the hub already has this terminal's trail (a replacement PC restores before it pushes). */
  ackedSeq: z.number().int().nonnegative(),
});
export type JoinReply = z.infer<typeof joinReplySchema>;

/**
 * Other awards to the same member in a window, at every counter of the chain: evidence for settling an UNKNOWN. The
 * hub answers only for an award it has from the asking terminal, and of that award's member; `member` is still sent,
 * for hubs from before that rule, which read it.
 */
export const neighboursRequestSchema = z.strictObject({
  awardId: z.uuid(),
  member: memberIdentitySchema,
  fromMs: ms,
  toMs: ms,
});
export type NeighboursRequest = z.infer<typeof neighboursRequestSchema>;

export const MAX_NEIGHBOURS = 200;
export const neighboursReplySchema = z.object({
  items: z
    .array(
      z.object({
        id: z.uuid(),
        state,
        pointsPreview: z.number().int().nonnegative().max(MAX_POINTS).nullable(),
        /** Whether pointsPreview is RM's own figure; a hub before this field sent none (then taken as RM's). */
        pointsConfirmed: z.boolean().optional(),
        createdAt: ms,
        outlet: z.string(),
        terminal: z.string(),
      }),
    )
    .max(MAX_NEIGHBOURS),
});
export type NeighboursReply = z.infer<typeof neighboursReplySchema>;

/**
 * A receipt given at this counter: has another counter of the same outlet awarded points on it today? The same receipt
 * taken to a second counter, which the counter's own records cannot see. `sinceMs` is the start of the shop's day by
 * this counter's clock; the hub reads its own day instead (hub/receipts.ts), and counters still send it for hubs
 * before that, which require it.
 */
export const receiptCheckRequestSchema = z.strictObject({ receiptRef: receiptRefSchema.pipe(z.string().min(1)), sinceMs: ms });
export type ReceiptCheckRequest = z.infer<typeof receiptCheckRequestSchema>;

/** The first such award (its time, amount and terminal; never its member), or null. */
export const receiptCheckReplySchema = z.object({
  earlier: z.object({ createdAt: ms, amountSen: z.number().int().positive(), terminal: z.string() }).nullable(),
});
export type ReceiptCheckReply = z.infer<typeof receiptCheckReplySchema>;

/** The hub's errors, one shape: a code a program can act on and a sentence for a person. */
export const hubErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), ackedSeq: z.number().int().nonnegative().optional() }),
});
export type HubErrorBody = z.infer<typeof hubErrorSchema>;
