// What counters call: join with a one-time code, push their records, read their position, restore their history, and
// ask whether a receipt already earned points at another counter today.
import { z } from 'zod';
import { decisionReportSchema, neighboursRequestSchema, pushBatchSchema, receiptCheckRequestSchema } from '../../app/sync/wire.ts';
import { openDecisionsFor, reportDecision } from '../decisions.ts';
import type { Pool } from '../db/pool.ts';
import { applyBatch } from '../ingest.ts';
import { terminalNeighbours } from '../neighbours.ts';
import { earlierOnReceipt } from '../receipts.ts';
import { noteRefusedPush, revokedTerminalId } from '../refused-pushes.ts';
import { restorePage } from '../restore.ts';
import { storable } from '../../app/sync/storable-text.ts';
import { authenticateTerminal, joinWithCode, type TerminalIdentity } from '../terminals.ts';
import { HubError, idFromPath, parseWith } from '../errors.ts';
import { readJson, sendJson } from './body.ts';
import type { RouteContext, Router } from './router.ts';
import { TerminalLimits } from './terminal-limits.ts';

/** A counter checks in every 15 s or so; its last-seen time is written again only once it is this old. */
const SEEN_RENEWED_AFTER = '5 minutes';

const joinSchema = z.strictObject({ code: z.string().trim().min(4).max(64) });

export function addTerminalRoutes(router: Router, pool: Pool, log: (line: string) => void): void {
  const limits = new TerminalLimits(pool);
  /**
   * A route for an enrolled counter: authenticated, then within what one counter may have open at once. A push refused
   * is noted for head office once its transaction has rolled back, and answered as it would be anyway.
   */
  const asTerminal =
    (work: (context: RouteContext, terminal: TerminalIdentity) => Promise<void>, isPush = false) =>
    async (context: RouteContext) => {
      const credential = bearer(context);
      let terminalId: string | null = null;
      try {
        const terminal = await authenticateTerminal(pool, credential);
        terminalId = terminal.terminalId;
        await limits.whileOpen(terminal.terminalId, isPush, () => work(context, terminal));
      } catch (error) {
        if (isPush) await noteRefusedPush(pool, terminalId ?? revokedTerminalId(error, credential), error, log);
        throw error;
      }
    };

  router.on('POST', '/api/terminal/v1/join', async ({ request, response }) => {
    const { code } = parseWith(joinSchema, await readJson(request, 4_096));
    sendJson(response, 200, await joinWithCode(pool, code));
  });

  router.on('POST', '/api/terminal/v1/push', asTerminal(async (context, terminal) => {
    const batch = parseWith(pushBatchSchema, await readJson(context.request), 'BAD_BATCH');
    sendJson(context.response, 200, await applyBatch(pool, terminal, storable(batch)));
  }, true));

  router.on('GET', '/api/terminal/v1/check-in', asTerminal(async (context, terminal) => {
    // The check-in is how the hub knows an idle counter is on; its time is kept coarsely, as quiet is counted in days.
    // Skipped while a push holds the row (that push marks the terminal heard from): the answer never waits for it.
    const row = await pool.query<{ acked_seq: number }>(
      `WITH seen AS (UPDATE terminals SET last_seen_at = now() WHERE id = (
         SELECT id FROM terminals WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < now() - $2::interval) FOR NO KEY UPDATE SKIP LOCKED))
       SELECT acked_seq FROM terminals WHERE id = $1`,
      [terminal.terminalId, SEEN_RENEWED_AFTER],
    );
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
    await limits.receiptQuestion(terminal.terminalId);
    const request = parseWith(receiptCheckRequestSchema, await readJson(context.request, 4_096));
    sendJson(context.response, 200, await earlierOnReceipt(pool, terminal, request));
  }));

  router.on('GET', '/api/terminal/v1/restore', asTerminal(async (context, terminal) => {
    sendJson(context.response, 200, await restorePage(pool, terminal, context.url.searchParams.get('cursor')));
  }));
}

function bearer({ request }: RouteContext): string | undefined {
  const header = request.headers.authorization ?? '';
  return /^Bearer (\S+)$/.exec(header)?.[1];
}
