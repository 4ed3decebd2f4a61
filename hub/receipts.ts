// A receipt taken to a second counter: the first award on it today at another counter of the same outlet, with the
// name head office gave that counter. The counter checks its own records itself; only the hub sees its neighbours'.
import { startOfShopDay } from '../app/common/shop-time.ts';
import type { ReceiptCheckReply, ReceiptCheckRequest } from '../app/sync/wire.ts';
import { recordAuditOnce } from './audit.ts';
import type { Client, Pool } from './db/pool.ts';
import type { TerminalIdentity } from './terminals.ts';

/**
 * A counter asks about its shop day, so nothing from before the hub's own shop day is answered (less a few minutes, for
 * a counter's clock just behind): a leaked terminal credential cannot page through an outlet's earlier receipts. The
 * answer names no member. An answer that names an award is audited once per counter that was told (a few a day; every
 * question would be every sale's, and a cashier typing a receipt asks as often as they pause).
 */
const CLOCK_ALLOWANCE_MS = 10 * 60_000;

export async function earlierOnReceipt(pool: Client | Pool, terminal: TerminalIdentity, request: ReceiptCheckRequest): Promise<ReceiptCheckReply> {
  const since = Math.max(request.sinceMs, startOfShopDay(Date.now()) - CLOCK_ALLOWANCE_MS);
  const found = await pool.query<{ id: string; createdAt: number; amountSen: number; terminal: string }>(
    `SELECT a.id, a.created_at AS "createdAt", a.amount_sen AS "amountSen", t.name AS terminal
       FROM awards a JOIN terminals t ON t.id = a.terminal_id
      WHERE lower(a.receipt_ref) = lower($1) AND a.outlet_id = $2 AND a.terminal_id <> $3
        AND a.created_at >= $4 AND a.state NOT IN ('VOIDED', 'REJECTED', 'CANCELLED')
      ORDER BY a.created_at LIMIT 1`,
    [request.receiptRef, terminal.outletId, terminal.terminalId, since],
  );
  const row = found.rows[0];
  if (!row) return { earlier: null };
  const { id, ...earlier } = row;
  await recordAuditOnce(pool, `terminal:${terminal.terminalId}`, 'receipt.answered', id, { receiptRef: request.receiptRef });
  return { earlier };
}
