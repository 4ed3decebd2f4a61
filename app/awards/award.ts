// The award record: one durable row from the cashier's confirm to its final state (the lesson of Odoo's loyalty bugs:
// points travel inside one record, never as a separate call that can be lost or repeated).
import { z } from 'zod';
import { memberIdentitySchema, storedMemberSchema } from '../member.ts';
import { looksLikeTerminalCode } from '../common/cashier.ts';
import { MAX_AMOUNT_SEN, MAX_POINTS } from '../common/money.ts';
import { hasControlCharacter } from '../common/text.ts';

export const AWARD_STATES = ['QUEUED', 'SENDING', 'AWARDED', 'REJECTED', 'UNKNOWN', 'VOIDED', 'CANCELLED'] as const;
export type AwardState = (typeof AWARD_STATES)[number];

export const WAITING_REASONS = ['offline', 'no-relay', 'still-sending', 'not-configured'] as const;
/** Why a submitted award is not settled yet when the counter stops waiting for it. */
export type WaitingReason = (typeof WAITING_REASONS)[number];

export const ATTEMPT_OUTCOMES = ['success', 'notApplied', 'maybeApplied', 'rejected', 'interrupted'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** An award as the core keeps it and hands it out (the contract's AwardView is this same shape). */
export const awardSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  terminalId: z.string(),
  cashier: z.string(),
  receiptRef: z.string().nullable(),
  amountSen: z.number().int(),
  // As stored: checked by the rules of its day when it was submitted (see storedMemberSchema).
  member: storedMemberSchema,
  /** The points for this award: RM's own figure when pointsConfirmed, else Kaunter's estimate (or null: not known yet). */
  pointsPreview: z.number().int().nullable(),
  /** True when pointsPreview is what RM's calculate endpoint gives for the amount; false: an estimate, shown as one. */
  pointsConfirmed: z.boolean(),
  state: z.enum(AWARD_STATES),
  nextAttemptAt: z.number(),
  rmItemId: z.string().nullable(),
  qrCodeUrl: z.string().nullable(),
  /** A claim QR: when Kaunter learnt that the customer claimed it; null while not known to be claimed. */
  claimedAt: z.number().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  resolution: z.object({ by: z.string(), at: z.number(), reason: z.string() }).nullable(),
  updatedAt: z.number(),
});
export type Award = z.infer<typeof awardSchema>;

export const attemptSchema = z.object({
  number: z.number(),
  nonce: z.string(),
  timestamp: z.string(),
  startedAt: z.number(),
  outcome: z.enum(ATTEMPT_OUTCOMES).nullable(),
  errorCode: z.string().nullable(),
  finishedAt: z.number().nullable(),
});
export type AttemptRecord = z.infer<typeof attemptSchema>;

export const awardEventSchema = z.object({
  id: z.number(),
  at: z.number(),
  from: z.enum(AWARD_STATES).nullable(),
  to: z.enum(AWARD_STATES),
  actor: z.string(),
  reason: z.string().nullable(),
  errorCode: z.string().nullable(),
});
export type AwardEvent = z.infer<typeof awardEventSchema>;

export const ACTOR_KINDS = ['relay', 'system', 'cashier', 'manager', 'headOffice', 'other'] as const;
const eventActorSchema = z.object({ kind: z.enum(ACTOR_KINDS), name: z.string() });
export type EventActor = z.infer<typeof eventActorSchema>;

/** An event as the screens get it: its reason as a message code with parameters (null: a person's own words), its actor by kind. */
export const awardEventViewSchema = awardEventSchema.extend({
  said: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).nullable(),
  by: eventActorSchema,
});
export type AwardEventView = z.infer<typeof awardEventViewSchema>;

const personName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required.`)
    .max(60, `${what} is at most 60 characters.`)
    .refine((text) => !hasControlCharacter(text), `${what} contains a control character.`);

/** Who an award is recorded under: a cashier's name, or the terminal's code where a shop has no cashier list. */
export const cashierNameSchema = personName('The cashier name');

/** A person's name on the shop's cashier list or picked for a shift: never the terminal's code (app/common/cashier.ts). */
export const pickedCashierNameSchema = cashierNameSchema.refine((name) => !looksLikeTerminalCode(name), 'A cashier name cannot start with "terminal:": that is how Kaunter records a terminal.');

/** A receipt number as the cashier gives it: typed or scanned from the shop's own receipt. */
export const receiptRefSchema = z
  .string()
  // A Chinese IME in full-width mode types "ＩＮＶ－００１２": folded to the ASCII a scan of the same receipt gives, so the
  // receipt cannot earn points twice, once typed and once scanned.
  .overwrite((text) => text.normalize('NFKC'))
  .trim()
  .max(64, 'The receipt number is at most 64 characters.')
  .refine((text) => !hasControlCharacter(text), 'The receipt number contains a control character.');

export const submitInputSchema = z.object({
  /** The sale's UUID, made once per sale by the caller: submitting it twice gives back the first award. */
  id: z.uuid('The award id must be a UUID.').optional(),
  amountSen: z
    .number({ error: 'The amount must be a number of sen.' })
    .int('The amount must be a whole number of sen.')
    .positive('The amount must be more than RM 0.00.')
    .max(MAX_AMOUNT_SEN, 'The amount is too large for one sale.'),
  member: memberIdentitySchema,
  cashier: cashierNameSchema,
  receiptRef: receiptRefSchema.optional(),
  pointsPreview: z.number().int().nonnegative().max(MAX_POINTS).optional(),
});

export type SubmitInput = z.input<typeof submitInputSchema>;
export type ValidSubmitInput = z.output<typeof submitInputSchema>;

export class AwardInputError extends Error {
  readonly field: string;
  /** The message's code (app/messages.ts): one per field of the award, as the other languages say it. */
  readonly key: string;
  constructor(
    field: string,
    message: string,
    key: string,
  ) {
    super(message);
    this.field = field;
    this.key = key;
    this.name = 'AwardInputError';
  }
}

export function validateSubmitInput(input: unknown): ValidSubmitInput {
  const parsed = submitInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'input';
  const top = String(issue?.path[0] ?? '');
  const key = Object.hasOwn(submitInputSchema.shape, top) ? `award.invalid.${top}` : 'error.INVALID_INPUT';
  throw new AwardInputError(field, issue?.message ?? 'The award details are not valid.', key);
}
