// The award record: one durable row from the cashier's confirm to its final state (the lesson of Odoo's loyalty bugs:
// points travel inside one record, never as a separate call that can be lost or repeated).
import { z } from 'zod';
import { memberIdentitySchema, type MemberIdentity } from '../member.ts';
import { MAX_AMOUNT_SEN } from '../money.ts';

export const AWARD_STATES = ['QUEUED', 'SENDING', 'AWARDED', 'REJECTED', 'UNKNOWN', 'VOIDED', 'CANCELLED'] as const;
export type AwardState = (typeof AWARD_STATES)[number];

export const FINAL_STATES: readonly AwardState[] = ['AWARDED', 'REJECTED', 'VOIDED', 'CANCELLED'];

export interface Award {
  id: string;
  createdAt: number;
  terminalId: string;
  cashier: string;
  receiptRef: string | null;
  amountSen: number;
  member: MemberIdentity;
  /** The points for this award: RM's own figure when pointsConfirmed, else an estimate (or null: not known yet). */
  pointsPreview: number | null;
  /** True when pointsPreview is what RM's calculate endpoint gives for the amount. */
  pointsConfirmed: boolean;
  state: AwardState;
  nextAttemptAt: number;
  rmItemId: string | null;
  qrCodeUrl: string | null;
  /** A claim QR: when Kaunter learnt that the customer claimed it; null while not known to be claimed. */
  claimedAt: number | null;
  lastError: { code: string; message: string } | null;
  resolution: { by: string; at: number; reason: string } | null;
  updatedAt: number;
}

export type AttemptOutcome = 'success' | 'notApplied' | 'maybeApplied' | 'rejected' | 'interrupted';

export interface AttemptRecord {
  number: number;
  nonce: string;
  timestamp: string;
  startedAt: number;
  outcome: AttemptOutcome | null;
  errorCode: string | null;
  finishedAt: number | null;
}

export interface AwardEvent {
  id: number;
  at: number;
  from: AwardState | null;
  to: AwardState;
  actor: string;
  reason: string | null;
  errorCode: string | null;
}

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const personName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required.`)
    .max(60, `${what} is at most 60 characters.`)
    .refine((text) => !CONTROL.test(text), `${what} contains a control character.`);

/** A cashier's name as awards record it: what the list in Settings and a picked shift may hold too. */
export const cashierNameSchema = personName('The cashier name');

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
  receiptRef: z
    .string()
    .trim()
    .max(64, 'The receipt number is at most 64 characters.')
    .refine((text) => !CONTROL.test(text), 'The receipt number contains a control character.')
    .optional(),
  pointsPreview: z.number().int().nonnegative().optional(),
});

export type SubmitInput = z.input<typeof submitInputSchema>;
export type ValidSubmitInput = z.output<typeof submitInputSchema>;

export class AwardInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AwardInputError';
  }
}

export function validateSubmitInput(input: unknown): ValidSubmitInput {
  const parsed = submitInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'input';
  throw new AwardInputError(field, issue?.message ?? 'The award details are not valid.');
}
