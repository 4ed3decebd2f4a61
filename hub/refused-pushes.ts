// The latest push the hub refused each terminal, for head office's Counters tab (hub/terminal-health.ts). Only the
// refusals that leave a terminal's records short of the hub until someone acts; not POSITION (the counter sends again
// from the hub's position by itself), LOCKED or UNAVAILABLE (it waits and tries again), nor UNAUTHENTICATED (the caller
// is not proven to be any terminal, so nothing may be written in a terminal's name).
import type { Pool } from './db/pool.ts';
import { withDeadline } from '../app/common/deadline.ts';
import { HubError, type HubErrorCode } from './errors.ts';

export const RECORDED_REFUSALS = ['CONFLICT', 'NOT_YOURS', 'REVOKED', 'BAD_BATCH', 'BAD_REQUEST', 'TOO_LARGE'] as const satisfies readonly HubErrorCode[];
export type RecordedRefusal = (typeof RECORDED_REFUSALS)[number];

// A counter refused retries every minute or so (app/sync/pusher.ts, jittered up to 75 s): the row's time moves on at
// most once a minute, not at every retry.
const REWRITE_AFTER = '1 minute';
/**
 * A refusal not noted again for this long is over: its counter is pushing again (brought back in step, enrolled again)
 * or is off (then the terminal goes quiet). A counter still refused renews it every two minutes or so.
 */
export const REFUSAL_CURRENT_FOR = '10 minutes';
/**
 * How long the counter's answer waits for its note. The pool waits up to 10 s for a free connection (hub/db/pool.ts):
 * with every connection busy, a refused counter would be held that long for a row only head office reads. A note given
 * up on may still be written when a connection comes free; if not, the counter's next refused retry notes it.
 */
const NOTE_WAITS_AT_MOST_MS = 1_000;

function recorded(error: unknown): RecordedRefusal | null {
  if (!(error instanceof HubError)) return null;
  return (RECORDED_REFUSALS as readonly HubErrorCode[]).includes(error.code) ? (error.code as RecordedRefusal) : null;
}

/**
 * Notes `error` as `terminalId`'s latest refused push, if it is such a refusal. The push's answer waits for this one
 * small write, so the Counters tab is in step with what the counter was told, but never changes with it and is never
 * held long by it: a failure, or a write not done in NOTE_WAITS_AT_MOST_MS, is logged for whoever runs the hub and the
 * counter is answered as ever.
 */
export async function noteRefusedPush(pool: Pool, terminalId: string | null, error: unknown, log: (line: string) => void): Promise<void> {
  const code = recorded(error);
  if (!terminalId || !code) return;
  try {
    await withDeadline(
      pool.query(
        `INSERT INTO refused_pushes (terminal_id, code, at) VALUES ($1, $2, now())
         ON CONFLICT (terminal_id) DO UPDATE SET code = EXCLUDED.code, at = EXCLUDED.at
         WHERE refused_pushes.code <> EXCLUDED.code OR refused_pushes.at < EXCLUDED.at - $3::interval`,
        [terminalId, code, REWRITE_AFTER],
      ),
      NOTE_WAITS_AT_MOST_MS,
      () => new Error(`not written within ${NOTE_WAITS_AT_MOST_MS} ms: the hub's database connections are all busy or the database is slow`),
    );
  } catch (failure) {
    log(`hub: could not note terminal ${terminalId}'s refused push (${code}) for the Counters tab: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
}

/**
 * The terminal a REVOKED refusal from authenticateTerminal names: it refuses so only after the credential matched the
 * terminal's own, so the id in it is that terminal's. Any other refusal there proves no terminal: null.
 */
export function revokedTerminalId(error: unknown, credential: string | undefined): string | null {
  if (!(error instanceof HubError) || error.code !== 'REVOKED') return null;
  return /^kht1\.([0-9a-f-]{36})\./.exec(credential ?? '')?.[1] ?? null;
}
