// A receipt taken to a second counter: the first award on it today at another counter of the same outlet, with the
// name head office gave that counter. The counter checks its own records itself; only the hub sees its neighbours'.
import { DAY_MS, startOfShopDay } from '../app/common/shop-time.ts';
import type { ReceiptCheckReply, ReceiptCheckRequest } from '../app/sync/wire.ts';
import { recordAuditOnce } from './audit.ts';
import type { Client, Pool } from './db/pool.ts';
import type { TerminalIdentity } from './terminals.ts';

/**
 * When the sale was, as the cashier is told it: its counter's time, unless that is before today or after the hub first
 * had the award (a clock off), then when the hub first had it.
 */
const SALE_TIME = `CASE WHEN a.first_received_at IS NOT NULL AND (a.created_at < $4 OR a.created_at > a.first_received_at)
  THEN a.first_received_at ELSE a.created_at END`;

/**
 * "Today" is the shop's day by the hub's clock, not the asking counter's: a PC whose clock is hours off (it cannot send
 * to RM, but it still takes sales) sits on the other side of midnight, and its day missed receipts awarded today. For
 * the same reason an award is today's when its counter dated it today, or when the hub first had it today (a counter's
 * clock behind; counters push within seconds) and its counter dated it no earlier than yesterday (a counter back from a
 * week offline brings no warnings of last week's receipts). Nothing older is answered: a leaked terminal credential
 * cannot page through an outlet's earlier receipts. The answer names no member. An answer that names an award is
 * audited once per counter that was told (a few a day; every question would be every sale's, and a cashier typing a
 * receipt asks as often as they pause).
 */
export async function earlierOnReceipt(pool: Client | Pool, terminal: TerminalIdentity, request: ReceiptCheckRequest): Promise<ReceiptCheckReply> {
  const today = startOfShopDay(Date.now());
  const found = await pool.query<{ id: string; createdAt: number; amountSen: number; terminal: string }>(
    `SELECT a.id, ${SALE_TIME} AS "createdAt", a.amount_sen AS "amountSen", t.name AS terminal
       FROM awards a JOIN terminals t ON t.id = a.terminal_id
      WHERE lower(a.receipt_ref) = lower($1) AND a.outlet_id = $2 AND a.terminal_id <> $3
        AND (a.created_at >= $4 OR (a.first_received_at >= $4 AND a.created_at >= $5))
        AND a.state NOT IN ('VOIDED', 'REJECTED', 'CANCELLED')
      ORDER BY ${SALE_TIME} LIMIT 1`,
    [request.receiptRef, terminal.outletId, terminal.terminalId, today, today - DAY_MS],
  );
  const row = found.rows[0];
  if (!row) return { earlier: null };
  const { id, ...earlier } = row;
  await recordAuditOnce(pool, `terminal:${terminal.terminalId}`, 'receipt.answered', id, { receiptRef: request.receiptRef });
  return { earlier };
}
