// What counters call: join with a one-time code, push their records, read their position, restore their history, and
// ask whether a receipt already earned points at another counter today.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { decisionReportSchema, neighboursRequestSchema, pushBatchSchema, receiptCheckRequestSchema } from '../../app/sync/wire.ts';
import { openDecisionsFor, reportDecision } from '../decisions.ts';
import type { Pool } from '../db/pool.ts';
import { applyBatch } from '../ingest.ts';
import { terminalNeighbours } from '../neighbours.ts';
import { earlierOnReceipt } from '../receipts.ts';
import { restorePage } from '../restore.ts';
import { storable } from '../../app/sync/storable-text.ts';
import { authenticateTerminal, joinWithCode } from '../terminals.ts';
import { HubError, idFromPath, parseWith } from '../errors.ts';
import { readJson, sendJson } from './body.ts';
import type { RouteContext, Router } from './router.ts';

const joinSchema = z.strictObject({ code: z.string().trim().min(4).max(64) });

/**
 * Receipt questions one counter may ask a minute, in each hub process. A cashier asks once a sale, or once a pause while
 * typing a receipt; a stolen terminal credential guessing receipt numbers would learn the outlet's day of awards.
 */
const RECEIPT_QUESTIONS_PER_MINUTE = 30;

export function addTerminalRoutes(router: Router, pool: Pool): void {
  const who = (context: RouteContext) => authenticateTerminal(pool, bearer(context));
  const receiptQuestions = new RateLimiterMemory({ points: RECEIPT_QUESTIONS_PER_MINUTE, duration: 60 });

  router.on('POST', '/api/terminal/v1/join', async ({ request, response }) => {
    const { code } = parseWith(joinSchema, await readJson(request, 4_096));
    sendJson(response, 200, await joinWithCode(pool, code));
  });

  router.on('POST', '/api/terminal/v1/push', async (context) => {
    const terminal = await who(context);
    const batch = parseWith(pushBatchSchema, await readJson(context.request), 'BAD_BATCH');
    sendJson(context.response, 200, await applyBatch(pool, terminal, storable(batch)));
  });

  router.on('GET', '/api/terminal/v1/check-in', async (context) => {
    const terminal = await who(context);
    const row = await pool.query<{ acked_seq: number }>('SELECT acked_seq FROM terminals WHERE id = $1', [terminal.terminalId]);
    sendJson(context.response, 200, { ackedSeq: row.rows[0]?.acked_seq ?? 0, decisions: await openDecisionsFor(pool, terminal.terminalId) });
  });

  router.on('POST', '/api/terminal/v1/decisions/:id', async (context) => {
    const terminal = await who(context);
    const decisionId = idFromPath(context.param, new HubError('BAD_REQUEST', `"${(context.param ?? '').slice(0, 60)}" is not a decision id; report on a decision the hub sent at check-in.`));
    const report = parseWith(decisionReportSchema, await readJson(context.request, 8_192));
    await reportDecision(pool, terminal.terminalId, decisionId, report.outcome, report.message);
    sendJson(context.response, 200, { ok: true });
  });

  router.on('POST', '/api/terminal/v1/neighbours', async (context) => {
    const terminal = await who(context);
    const request = parseWith(neighboursRequestSchema, await readJson(context.request, 16_384));
    sendJson(context.response, 200, { items: await terminalNeighbours(pool, terminal.terminalId, request.awardId, request.fromMs, request.toMs) });
  });

  router.on('POST', '/api/terminal/v1/receipt', async (context) => {
    const terminal = await who(context);
    await withinBudget(receiptQuestions, terminal.terminalId);
    const request = parseWith(receiptCheckRequestSchema, await readJson(context.request, 4_096));
    sendJson(context.response, 200, await earlierOnReceipt(pool, terminal, request));
  });

  router.on('GET', '/api/terminal/v1/restore', async (context) => {
    const terminal = await who(context);
    sendJson(context.response, 200, await restorePage(pool, terminal, context.url.searchParams.get('cursor')));
  });
}

async function withinBudget(limiter: RateLimiterMemory, terminalId: string): Promise<void> {
  try {
    await limiter.consume(terminalId);
  } catch (refused) {
    const seconds = refused instanceof RateLimiterRes ? Math.ceil(refused.msBeforeNext / 1000) : 60;
    throw new HubError('LOCKED', `This counter asked about more than ${RECEIPT_QUESTIONS_PER_MINUTE} receipts in a minute: wait ${seconds} seconds.`, { retryAfterSeconds: seconds });
  }
}

function bearer({ request }: RouteContext): string | undefined {
  const header = request.headers.authorization ?? '';
  return /^Bearer (\S+)$/.exec(header)?.[1];
}
