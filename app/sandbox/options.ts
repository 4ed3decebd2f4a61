// The options a sandbox starts with, checked and completed with defaults. A bad value stops start-up with a message
// naming the option, rather than a sandbox that misbehaves later.
import type { SandboxApp } from './apps.ts';
import { SandboxOptionsError } from './errors.ts';
import { validateMemberSeeds, type SandboxMemberSeed } from './member-seeds.ts';
import { DEMO_MEMBERS } from './seed.ts';
import { isValidPointsPerRinggit } from './spending-rule.ts';

export interface SandboxOptions {
  /** 0 = any free port (default 0). */
  port?: number;
  /** Registered applications. */
  apps?: SandboxApp[];
  /** Default: the seeded demo members. */
  members?: SandboxMemberSeed[];
  /** Spending rule, default 1 point per RM 1.00; points = floor(amountSen * rate / 100). */
  pointsPerRinggit?: number;
  /** false: SPENDING_NOT_FOUND (no rule configured); default true. */
  spendingRule?: boolean;
  /** false: LOYALTY_NOT_SUBSCRIBED; default true. */
  loyaltySubscribed?: boolean;
  /** Access token lifetime, default 7200. */
  tokenLifetimeSeconds?: number;
  /** Default 30 days. */
  refreshTokenLifetimeSeconds?: number;
  /** Enable fault injection over HTTP (POST/DELETE /sandbox/faults); default false. */
  faults?: boolean;
  /** ms clock, for tests. */
  now?: () => number;
  /** One line per request answered (method, path, status, RM code) and notices. Never bodies or secrets. */
  log?: (line: string) => void;
  /**
   * Keep members, ledger, claim QRs and the port in this file across restarts (training mode). Without `port`, the
   * saved port is used again when it is free.
   */
  stateFile?: string;
}

export interface ResolvedOptions {
  port: number;
  apps: SandboxApp[];
  members: SandboxMemberSeed[];
  pointsPerRinggit: number;
  spendingRule: boolean;
  loyaltySubscribed: boolean;
  tokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  faults: boolean;
  now: () => number;
  log: (line: string) => void;
  stateFile: string | null;
}

const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;
const TEN_YEARS_SECONDS = 10 * 365 * 24 * 60 * 60;

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SandboxOptionsError(`port must be a whole number from 0 to 65535 (0 = any free port); got ${port}.`);
  }
  const pointsPerRinggit = options.pointsPerRinggit ?? 1;
  if (!isValidPointsPerRinggit(pointsPerRinggit)) {
    throw new SandboxOptionsError(
      `pointsPerRinggit must be a number greater than 0 with at most 4 decimals; got ${pointsPerRinggit}.`,
    );
  }
  return {
    port,
    apps: options.apps ?? [],
    members: options.members ? validateMemberSeeds(options.members, 'members') : [...DEMO_MEMBERS],
    pointsPerRinggit,
    spendingRule: options.spendingRule ?? true,
    loyaltySubscribed: options.loyaltySubscribed ?? true,
    tokenLifetimeSeconds: lifetime('tokenLifetimeSeconds', options.tokenLifetimeSeconds ?? 7200),
    refreshTokenLifetimeSeconds: lifetime(
      'refreshTokenLifetimeSeconds',
      options.refreshTokenLifetimeSeconds ?? THIRTY_DAYS_SECONDS,
    ),
    faults: options.faults ?? false,
    now: options.now ?? Date.now,
    log: options.log ?? (() => undefined),
    stateFile: options.stateFile ?? null,
  };
}

function lifetime(name: string, seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > TEN_YEARS_SECONDS) {
    throw new SandboxOptionsError(`${name} must be a whole number of seconds from 1 to ${TEN_YEARS_SECONDS}; got ${seconds}.`);
  }
  return seconds;
}
