// Talking to the head-office hub over HTTP(S). Every answer is one of: the value, "unreachable" (nothing said; try again
// later), or "refused" with the hub's code and sentence (the hub said no: retrying the same thing will not help).
import { isIP } from 'node:net';
import { z } from 'zod';
import {
  checkInReplySchema,
  hubErrorSchema,
  joinReplySchema,
  neighboursReplySchema,
  pushReplySchema,
  receiptCheckReplySchema,
  restorePageSchema,
  type CheckInReply,
  type DecisionReport,
  type JoinReply,
  type NeighboursReply,
  type NeighboursRequest,
  type PushBatch,
  type PushReply,
  type ReceiptCheckReply,
  type ReceiptCheckRequest,
  type RestorePage,
} from './wire.ts';

export type HubAnswer<T> =
  | { kind: 'ok'; value: T }
  /**
   * busy: the hub answered, asking this counter to wait (HTTP 429): it is there, only not for this request now.
   * retryAfterMs: how long the hub (its Retry-After, on a 429 or 503) asked this counter to wait before trying again.
   */
  | { kind: 'unreachable'; message: string; busy?: true; retryAfterMs?: number }
  | { kind: 'refused'; code: string; message: string; ackedSeq?: number };

const TIMEOUT_MS = 30_000;
const okSchema = z.object({ ok: z.literal(true) });

/** The hub's address as typed: https anywhere, plain http only to this machine (a proxy or a test). */
export function checkHubUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a hub address; give it like https://hub.example.com.`);
  }
  // An address, not a name that merely starts with "127." (127.example.com is anywhere).
  const loopback = ['localhost', '[::1]'].includes(url.hostname) || (isIP(url.hostname) === 4 && url.hostname.startsWith('127.'));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error('The hub must be reached over https (plain http only to this same machine).');
  }
  return url.origin;
}

export class HubClient {
  readonly url: string;
  private readonly credential: string | null;
  /** How long to wait for an answer: long for pushes and restores, short where a person is waiting on the counter. */
  private readonly timeoutMs: number;
  constructor(
    url: string,
    credential: string | null,
    timeoutMs: number = TIMEOUT_MS,
  ) {
    this.url = url;
    this.credential = credential;
    this.timeoutMs = timeoutMs;
  }

  join(code: string): Promise<HubAnswer<JoinReply>> {
    return this.call('POST', '/api/terminal/v1/join', joinReplySchema, { code });
  }

  push(batch: PushBatch): Promise<HubAnswer<PushReply>> {
    return this.call('POST', '/api/terminal/v1/push', pushReplySchema, batch);
  }

  checkIn(): Promise<HubAnswer<CheckInReply>> {
    return this.call('GET', '/api/terminal/v1/check-in', checkInReplySchema);
  }

  neighbours(request: NeighboursRequest): Promise<HubAnswer<NeighboursReply>> {
    return this.call('POST', '/api/terminal/v1/neighbours', neighboursReplySchema, request);
  }

  receiptCheck(request: ReceiptCheckRequest): Promise<HubAnswer<ReceiptCheckReply>> {
    return this.call('POST', '/api/terminal/v1/receipt', receiptCheckReplySchema, request);
  }

  reportDecision(id: string, report: DecisionReport): Promise<HubAnswer<{ ok: true }>> {
    return this.call('POST', `/api/terminal/v1/decisions/${encodeURIComponent(id)}`, okSchema, report);
  }

  restorePage(cursor: string | null): Promise<HubAnswer<RestorePage>> {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    return this.call('GET', `/api/terminal/v1/restore${query}`, restorePageSchema);
  }

  private async call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<HubAnswer<z.output<S>>> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.credential ? { authorization: `Bearer ${this.credential}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      return { kind: 'unreachable', message: `The hub at ${this.url} could not be reached (${describe(error, this.timeoutMs)}).` };
    }
    const json = parseJson(text);
    if (response.ok) {
      const parsed = schema.safeParse(json);
      return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'unreachable', message: `The hub at ${this.url} gave an answer this Kaunter does not understand: update Kaunter on this counter to the version of the hub.` };
    }
    const error = hubErrorSchema.safeParse(json);
    // A 5xx, or a proxy's page instead of the hub's answer: the hub is not there right now. A 429 is the hub busy for
    // this counter (a limit on requests at once, or on receipt checks): waited out, not a refusal (the pusher's status
    // treats a short one as a normal wait, see HubPusher.toldToWait).
    if (!error.success || response.status >= 500 || response.status === 429) {
      const message = error.success ? error.data.error.message : `The hub at ${this.url} answered HTTP ${response.status}.`;
      const retryAfterMs = retryAfter(response.headers.get('retry-after'), Date.now());
      return {
        kind: 'unreachable',
        message,
        ...(response.status === 429 ? { busy: true as const } : {}),
        ...(retryAfterMs === null ? {} : { retryAfterMs }),
      };
    }
    return { kind: 'refused', code: error.data.error.code, message: error.data.error.message, ackedSeq: error.data.error.ackedSeq };
  }
}

/**
 * Retry-After as HTTP gives it (RFC 9110: seconds, or a date), in milliseconds from now; null when absent or not
 * readable (a proxy's own words): the caller's usual back-off applies then.
 */
export function retryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only a date as HTTP writes one (ending GMT): Date.parse alone takes "-5" for the year 5 BC.
  const at = text.endsWith(' GMT') ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    if (error.name === 'TimeoutError') return `no answer in ${timeoutMs / 1000} s`;
    return cause?.code ?? error.message;
  }
  return String(error);
}
