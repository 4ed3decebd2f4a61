// A sandbox that outlives a restart (training mode): its members' balances and histories, its ledger, its claim QRs and
// its port are written to one file after every change and read back at start, so a trainee's points, the claim QR
// still on the screen and its address are there after Kaunter restarts. Tokens and nonces are not kept: a client
// signs in again, as it would with RM after a while.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { SandboxState } from './state.ts';

const SAVED_VERSION = 1;

const historyEntry = z.object({
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

const ledgerEntry = z.object({
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

const claim = z.object({
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
  claims: z.array(claim),
});
export type SavedState = z.infer<typeof savedStateSchema>;

/**
 * The saved state, or null when there is none. A file that cannot be read is moved aside (never deleted: it is a
 * trainee's history) with a log line, and the sandbox starts fresh.
 */
export function readSavedState(path: string, log: (line: string) => void): SavedState | null {
  if (!existsSync(path)) return null;
  const saved = parseSavedState(readFileSync(path, 'utf8'));
  if (saved) return saved;
  const aside = `${path}.unreadable-${Date.now()}`;
  renameSync(path, aside);
  log(`the saved training state could not be read, so training starts afresh; the old file is kept as ${aside}`);
  return null;
}

function parseSavedState(text: string): SavedState | null {
  try {
    const parsed = savedStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function savedStateOf(state: SandboxState, port: number): SavedState {
  return {
    version: SAVED_VERSION,
    port,
    members: state.loyalty.members.records(),
    ledger: state.loyalty.ledger.list(),
    claims: state.loyalty.claims.list(),
  };
}

export function restoreSavedState(state: SandboxState, saved: SavedState): void {
  state.loyalty.members.restore(saved.members);
  state.loyalty.ledger.restore(saved.ledger);
  state.loyalty.claims.restore(saved.claims);
}

/** Written whole to a temporary file and renamed over the old one: a crash leaves the old state or the new, never half. */
export function writeSavedState(path: string, saved: SavedState): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(saved), { mode: 0o600 });
  renameSync(temp, path);
}
