// A sandbox that outlives a restart (training mode): its members' balances and histories, its ledger, its claim QRs and
// its port are read back at start, so a trainee's points, the claim QR still on the screen and its address are there
// after Kaunter restarts. This file is the snapshot written at start; each change after it goes to the journal
// (saved-journal.ts). Tokens and nonces are not kept: a client signs in again, as it would with RM after a while.
//
// The snapshot keeps the recent past only (every balance and every open claim, but the last LEDGER_KEPT ledger entries,
// HISTORY_KEPT history entries per member and CLOSED_CLAIMS_KEPT closed claims), so writing it takes the same few
// milliseconds after a year of training as after a day: it is written on the thread that serves the counter.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { SandboxState } from './state.ts';

const SAVED_VERSION = 1;
const LEDGER_KEPT = 1000;
const HISTORY_KEPT = 200;
const CLOSED_CLAIMS_KEPT = 200;

export const historyEntry = z.object({
  key: z.string(),
  type: z.string(),
  description: z.string(),
  point: z.number(),
  PointBalance: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const memberRecord = z.object({
  seed: z.object({ memberId: z.string(), countryCode: z.string(), phoneNumber: z.string(), name: z.string(), points: z.number().optional(), email: z.string().optional() }),
  createdAt: z.string(),
  loyaltyPoint: z.number(),
  history: z.array(historyEntry),
});

export const ledgerEntry = z.object({
  id: z.string(),
  kind: z.enum(['spending-reward', 'reward', 'deduct']),
  memberId: z.string(),
  points: z.number(),
  amount: z.number(),
  nonce: z.string(),
  createdAt: z.string(),
  type: z.enum(['ID', 'PHONENUMBER', 'QRCODE']),
  spendingRewardId: z.string().optional(),
});

export const claimRecord = z.object({
  id: z.string(),
  kind: z.enum(['spending-reward', 'reward']),
  amount: z.number(),
  points: z.number(),
  nonce: z.string(),
  createdAt: z.string(),
  state: z.enum(['open', 'claimed', 'cancelled']),
  claimedBy: z.string().optional(),
});

const savedStateSchema = z.object({
  version: z.literal(SAVED_VERSION),
  port: z.number().int().min(1).max(65535),
  members: z.array(memberRecord),
  ledger: z.array(ledgerEntry),
  claims: z.array(claimRecord),
});
export type SavedState = z.infer<typeof savedStateSchema>;

/**
 * The saved state, or null when there is none. A file that cannot be read is moved aside (never deleted: it is a
 * trainee's history) with a log line, and the sandbox starts fresh.
 */
export function readSavedState(path: string, log: (line: string) => void): SavedState | null {
  if (!existsSync(path)) return null;
  const saved = parseSaved(savedStateSchema, readFileSync(path, 'utf8'));
  if (saved) return saved;
  const aside = `${path}.unreadable-${Date.now()}`;
  renameSync(path, aside);
  log(`the saved training state could not be read, so training starts afresh; the old file is kept as ${aside}`);
  return null;
}

/** The text read as JSON of `schema`'s shape, or null: a saved file is checked, never trusted. */
export function parseSaved<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function savedStateOf(state: SandboxState, port: number): SavedState {
  const claims = state.loyalty.claims.list();
  return {
    version: SAVED_VERSION,
    port,
    members: state.loyalty.members.records().map((record) => ({ ...record, history: record.history.slice(-HISTORY_KEPT) })),
    ledger: state.loyalty.ledger.list().slice(-LEDGER_KEPT),
    claims: [...claims.filter((kept) => kept.state === 'open'), ...claims.filter((kept) => kept.state !== 'open').slice(-CLOSED_CLAIMS_KEPT)],
  };
}

export function restoreSavedState(state: SandboxState, saved: SavedState): void {
  state.loyalty.members.restore(saved.members);
  state.loyalty.ledger.restore(saved.ledger);
  state.loyalty.claims.restore(saved.claims);
}

/**
 * Written whole to a temporary file and renamed over the old one: a crash leaves the old state or the new, never half,
 * and a full or read-only disk leaves the old state and no temporary file beside it.
 */
export function writeSavedState(path: string, saved: SavedState): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeWhole(fd, JSON.stringify(saved));
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** writeFileSync goes on after a short write (a nearly full disk) until it meets the ENOSPC; fsync before the rename. */
function writeWhole(fd: number, text: string): void {
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
