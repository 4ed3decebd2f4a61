// What counters call: join with a one-time code, push their records, read their position, restore their history, and
// ask whether a receipt already earned points at another counter today.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { decisionReportSchema, neighboursRequestSchema, pushBatchSchema, receiptCheckRequestSchema } from '../../app/sync/wire.ts';
import { recordAudit } from '../audit.ts';
import { openDecisionsFor, reportDecision } from '../decisions.ts';
import type { Pool } from '../db/pool.ts';
import { applyBatch } from '../ingest.ts';
import { terminalNeighbours } from '../neighbours.ts';
import { earlierOnReceipt } from '../receipts.ts';
import { restorePage } from '../restore.ts';
import { storable } from '../../app/sync/storable-text.ts';
import { authenticateTerminal, joinWithCode, type TerminalIdentity } from '../terminals.ts';
import { HubError, idFromPath, parseWith } from '../errors.ts';
import { readJson, sendJson } from './body.ts';
import type { RouteContext, Router } from './router.ts';

const joinSchema = z.strictObject({ code: z.string().trim().min(4).max(64) });

/**
 * Receipt questions one counter may ask a minute, in each hub process. A cashier asks once a sale, or once a pause while
 * typing a receipt; a stolen terminal credential guessing receipt numbers would learn the outlet's day of awards.
 */
const RECEIPT_QUESTIONS_PER_MINUTE = 30;
/**
 * Requests one counter may have open at once, in each hub process. A counter pushes one batch at a time, beside a
 * receipt check or two; a push waits for its terminal's row lock holding a connection, so a stolen credential sending
 * many at once would hold every connection the counters share.
 */
const REQUESTS_AT_ONCE = 4;

export function addTerminalRoutes(router: Router, pool: Pool): void {
  const receiptQuestions = new RateLimiterMemory({ points: RECEIPT_QUESTIONS_PER_MINUTE, duration: 60 });
  const open = new Map<string, number>();
  /** A route for an enrolled counter: authenticated, and refused while that counter has too many requests open. */
  const asTerminal = (work: (context: RouteContext, terminal: TerminalIdentity) => Promise<void>) => async (context: RouteContext) => {
    const terminal = await authenticateTerminal(pool, bearer(context));
    const already = open.get(terminal.terminalId) ?? 0;
    if (already >= REQUESTS_AT_ONCE) {
      throw new HubError('LOCKED', `This counter has ${REQUESTS_AT_ONCE} requests open at the hub already: try again when they are answered.`, { retryAfterSeconds: 2 });
    }
    open.set(terminal.terminalId, already + 1);
    try {
      await work(context, terminal);
    } finally {
      const left = (open.get(terminal.terminalId) ?? 1) - 1;
      if (left > 0) open.set(terminal.terminalId, left);
      else open.delete(terminal.terminalId);
    }
  };

  router.on('POST', '/api/terminal/v1/join', async ({ request, response }) => {
    const { code } = parseWith(joinSchema, await readJson(request, 4_096));
    sendJson(response, 200, await joinWithCode(pool, code));
  });

  router.on('POST', '/api/terminal/v1/push', asTerminal(async (context, terminal) => {
    const batch = parseWith(pushBatchSchema, await readJson(context.request), 'BAD_BATCH');
    sendJson(context.response, 200, await applyBatch(pool, terminal, storable(batch)));
  }));

  router.on('GET', '/api/terminal/v1/check-in', asTerminal(async (context, terminal) => {
    const row = await pool.query<{ acked_seq: number }>('SELECT acked_seq FROM terminals WHERE id = $1', [terminal.terminalId]);
    sendJson(context.response, 200, { ackedSeq: row.rows[0]?.acked_seq ?? 0, decisions: await openDecisionsFor(pool, terminal.terminalId) });
  }));

  router.on('POST', '/api/terminal/v1/decisions/:id', asTerminal(async (context, terminal) => {
    const decisionId = idFromPath(context.param, new HubError('BAD_REQUEST', `"${(context.param ?? '').slice(0, 60)}" is not a decision id; report on a decision the hub sent at check-in.`));
    const report = parseWith(decisionReportSchema, await readJson(context.request, 8_192));
    await reportDecision(pool, terminal.terminalId, decisionId, report.outcome, report.message);
    sendJson(context.response, 200, { ok: true });
  }));

  router.on('POST', '/api/terminal/v1/neighbours', asTerminal(async (context, terminal) => {
    const request = parseWith(neighboursRequestSchema, await readJson(context.request, 16_384));
    sendJson(context.response, 200, { items: await terminalNeighbours(pool, terminal.terminalId, request.awardId, request.fromMs, request.toMs) });
  }));

  router.on('POST', '/api/terminal/v1/receipt', asTerminal(async (context, terminal) => {
    await withinBudget(pool, receiptQuestions, terminal.terminalId);
    const request = parseWith(receiptCheckRequestSchema, await readJson(context.request, 4_096));
    sendJson(context.response, 200, await earlierOnReceipt(pool, terminal, request));
  }));

  router.on('GET', '/api/terminal/v1/restore', asTerminal(async (context, terminal) => {
    sendJson(context.response, 200, await restorePage(pool, terminal, context.url.searchParams.get('cursor')));
  }));
}

/** The first refusal in each minute is audited: a guesser is seen, and a flood writes one row a minute, not one a try. */
async function withinBudget(pool: Pool, limiter: RateLimiterMemory, terminalId: string): Promise<void> {
  try {
    await limiter.consume(terminalId);
  } catch (refused) {
    const res = refused instanceof RateLimiterRes ? refused : null;
    if (res?.consumedPoints === RECEIPT_QUESTIONS_PER_MINUTE + 1) {
      await recordAudit(pool, `terminal:${terminalId}`, 'receipt.limited', null, { perMinute: RECEIPT_QUESTIONS_PER_MINUTE });
    }
    const seconds = res ? Math.ceil(res.msBeforeNext / 1000) : 60;
    throw new HubError('LOCKED', `This counter asked about more than ${RECEIPT_QUESTIONS_PER_MINUTE} receipts in a minute: wait ${seconds} seconds.`, { retryAfterSeconds: seconds });
  }
}

function bearer({ request }: RouteContext): string | undefined {
  const header = request.headers.authorization ?? '';
  return /^Bearer (\S+)$/.exec(header)?.[1];
}
