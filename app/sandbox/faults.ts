// Faults a test or trainer can inject into the RM API (OAuth and Open API; never the sandbox's own /sandbox and
// /claim pages): slow answers, lost answers, repeated requests, server errors, rate limits, resets, refused connections, a
// wrong clock.
// One fault is active at a time. `path` limits it to one path (ending in "*", to every path that starts with what
// comes before it), so a fault meant for the award never meets the points preview at .../calculate; `count` limits it
// to the next N matching requests (otherwise it lasts until cleared).
import { SandboxOptionsError } from './errors.ts';

export interface FaultTarget {
  path?: string;
  count?: number;
}

/** The award is applied at once; the answer leaves `latencyMs` later, so a client that gives up early faces a
 * genuinely unknown outcome. */
export interface LatencyFault extends FaultTarget {
  mode: 'latency';
  latencyMs: number;
}

/** Applied, then the connection is closed without a byte of response. */
export interface ApplyThenDropFault extends FaultTarget {
  mode: 'apply-then-drop';
}

export interface ServerErrorFault extends FaultTarget {
  mode: 'http-5xx';
  status?: 500 | 502 | 503;
  /** Default: INTERNAL_ERROR for 500, SYSTEM_ERROR for 502 and 503. */
  code?: 'SYSTEM_ERROR' | 'INTERNAL_ERROR';
  /** Whether the request is processed (the award applied) before the error is sent. Default false. */
  apply?: boolean;
}

/**
 * Something on the way (a proxy, a network device) sends the request twice: the first copy is handled, and the client
 * gets the answer to the second, NONCE_ALREADY_USED, since both carry the same nonce.
 */
export interface RepeatedFault extends FaultTarget {
  mode: 'repeated';
}

/** 429 TOO_MANY_REQUEST_PER_SECOND; nothing applied. */
export interface RateLimitFault extends FaultTarget {
  mode: 'rate-limit';
}

/** The whole request is read, then the connection is reset (TCP RST); nothing applied. */
export interface ResetFault extends FaultTarget {
  mode: 'reset';
}

/** Stop listening at once (ECONNREFUSED) and listen again on the same port after `durationMs`. */
export interface RefuseFault {
  mode: 'refuse';
  durationMs: number;
}

/** Matching requests are judged by a clock `seconds` off (instead of the standing skew). */
export interface ClockSkewFault extends FaultTarget {
  mode: 'clock-skew';
  seconds: number;
}

export type FaultSpec =
  | LatencyFault
  | ApplyThenDropFault
  | RepeatedFault
  | ServerErrorFault
  | RateLimitFault
  | ResetFault
  | RefuseFault
  | ClockSkewFault;

export type RequestFault = Exclude<FaultSpec, RefuseFault>;

const MAX_DELAY_MS = 10 * 60 * 1000;

export class FaultController {
  private active: { fault: RequestFault; remaining: number | null } | null = null;

  set(fault: RequestFault | null): void {
    this.active = fault === null ? null : { fault, remaining: fault.count ?? null };
  }

  /** The active fault with what is left of its count. */
  current(): RequestFault | null {
    if (!this.active) return null;
    const { fault, remaining } = this.active;
    return remaining === null ? { ...fault } : { ...fault, count: remaining };
  }

  /** The fault that applies to a request on `path`, counting it against the fault's `count`. */
  take(path: string): RequestFault | null {
    const active = this.active;
    if (!active || !pathMatches(active.fault.path, path)) return null;
    if (active.remaining !== null) {
      active.remaining -= 1;
      if (active.remaining <= 0) this.active = null;
    }
    return active.fault;
  }
}

/** Checks a fault given over HTTP or in-process; the message says which field is wrong. */
export function parseFault(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SandboxOptionsError('A fault must be a JSON object with a "mode".');
  }
  const fields = value as Record<string, unknown>;
  const mode = fields.mode;
  if (mode === 'refuse') {
    if (fields.path !== undefined || fields.count !== undefined) {
      throw new SandboxOptionsError('refuse: path and count do not apply; refusing is for every connection at once.');
    }
    return { mode, durationMs: readWhole(fields, 'durationMs', 1, MAX_DELAY_MS) };
  }
  const target = readTarget(fields);
  switch (mode) {
    case 'latency':
      return { mode, latencyMs: readWhole(fields, 'latencyMs', 0, MAX_DELAY_MS), ...target };
    case 'apply-then-drop':
    case 'repeated':
    case 'rate-limit':
    case 'reset':
      return { mode, ...target };
    case 'http-5xx':
      return { mode, ...readServerError(fields), ...target };
    case 'clock-skew':
      return { mode, seconds: readWhole(fields, 'seconds', -1e9, 1e9), ...target };
    default:
      throw new SandboxOptionsError(
        'mode must be one of latency, apply-then-drop, repeated, http-5xx, rate-limit, reset, refuse, clock-skew.',
      );
  }
}

function pathMatches(pattern: string | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

const FAULT_PATH = /^\/[^?#*:]*\*?$/;

function readTarget(fields: Record<string, unknown>): FaultTarget {
  const target: FaultTarget = {};
  if (fields.path !== undefined) {
    if (typeof fields.path !== 'string' || !FAULT_PATH.test(fields.path)) {
      throw new SandboxOptionsError(
        'path must be one request path, without a query, e.g. "/v3/loyalty/spending-reward"; ' +
          'end it with "*" for every path that starts with it, e.g. "/v3/loyalty/member/*".',
      );
    }
    // Before "*" meant a prefix, a path ending in "/" was one: now it would wait for a request that never comes.
    if (fields.path.length > 1 && fields.path.endsWith('/')) {
      throw new SandboxOptionsError(`path ${fields.path} ends in "/", which no request's path does: did you mean "${fields.path}*"?`);
    }
    target.path = fields.path;
  }
  if (fields.count !== undefined) target.count = readWhole(fields, 'count', 1, 1_000_000);
  return target;
}

function readServerError(fields: Record<string, unknown>): Omit<ServerErrorFault, 'mode'> {
  const result: Omit<ServerErrorFault, 'mode'> = {};
  if (fields.status !== undefined) {
    if (fields.status !== 500 && fields.status !== 502 && fields.status !== 503) {
      throw new SandboxOptionsError('status must be 500, 502 or 503.');
    }
    result.status = fields.status;
  }
  if (fields.code !== undefined) {
    if (fields.code !== 'SYSTEM_ERROR' && fields.code !== 'INTERNAL_ERROR') {
      throw new SandboxOptionsError('code must be SYSTEM_ERROR or INTERNAL_ERROR.');
    }
    result.code = fields.code;
  }
  if (fields.apply !== undefined) {
    if (typeof fields.apply !== 'boolean') throw new SandboxOptionsError('apply must be true or false.');
    result.apply = fields.apply;
  }
  return result;
}

function readWhole(fields: Record<string, unknown>, field: string, min: number, max: number): number {
  const value = fields[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new SandboxOptionsError(`${field} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}
