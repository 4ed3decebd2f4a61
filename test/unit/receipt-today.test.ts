// Which award a receipt number already earned points on today: the shop's day (UTC+8), the first such award, and only
// awards that may have earned points. On a real SQLite file, with the outbox's own clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { awardOnReceiptToday } from '../../app/awards/records.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';

/** 2026-12-03 00:00 in the shop (UTC+8) is 2026-12-02 16:00 UTC. */
const MIDNIGHT_MYT = Date.UTC(2026, 11, 2, 16, 0, 0);
const sale = (amountSen: number, receiptRef: string) => ({ amountSen, member: { type: 'ID', memberId: '6190354873541245312' }, cashier: 'Aina', receiptRef });

let dir: string;
let db: Db;
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function outboxAt(now: () => number): Outbox {
  dir = mkdtempSync(join(tmpdir(), 'kaunter-receipt-'));
  db = openDatabase(join(dir, 'awards.db'));
  return new Outbox(db, 'T1', now);
}

describe('a receipt already used today', () => {
  it("counts from the shop's midnight, not UTC's", () => {
    let clock = MIDNIGHT_MYT - 1;
    const outbox = outboxAt(() => clock);
    outbox.submit(sale(1000, 'R-1'), 'cashier:Aina');
    expect(awardOnReceiptToday(db, 'R-1', MIDNIGHT_MYT - 1)?.amountSen).toBe(1000);
    expect(awardOnReceiptToday(db, 'R-1', MIDNIGHT_MYT)).toBeNull();
    clock = MIDNIGHT_MYT + 8 * 3_600_000 - 1;
    outbox.submit(sale(2000, 'R-1'), 'cashier:Aina');
    // 07:59:59 the next morning in the shop, still 23:59:59 of the day before in UTC: today's award, not yesterday's.
    expect(awardOnReceiptToday(db, 'R-1', clock)?.amountSen).toBe(2000);
  });

  it('names the first award of the day, and leaves out one that was voided', () => {
    let clock = MIDNIGHT_MYT + 3_600_000;
    const outbox = outboxAt(() => clock);
    const voided = outbox.submit(sale(500, 'R-2'), 'cashier:Aina').award;
    outbox.voidQueued(voided.id, 'cashier:Aina', 'wrong customer');
    clock += 60_000;
    outbox.submit(sale(1500, 'R-2'), 'cashier:Aina');
    clock += 60_000;
    outbox.submit(sale(2500, 'R-2'), 'cashier:Aina');
    expect(awardOnReceiptToday(db, 'R-2', clock)?.amountSen).toBe(1500);
    expect(awardOnReceiptToday(db, 'R-3', clock)).toBeNull();
  });

  it('finds it whatever the case its letters are typed in, through the receipt index (no scan of every award)', () => {
    const clock = MIDNIGHT_MYT + 3_600_000;
    const outbox = outboxAt(() => clock);
    outbox.submit(sale(700, 'INV-7'), 'cashier:Aina');
    expect(awardOnReceiptToday(db, 'inv-7', clock)?.amountSen).toBe(700);
    expect(awardOnReceiptToday(db, 'Inv-7', clock)?.receiptRef).toBe('INV-7');
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM awards WHERE receipt_ref = ? COLLATE NOCASE AND created_at >= ? AND state NOT IN ('VOIDED')")
      .all('inv-7', 0) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join('; ')).toMatch(/USING INDEX awards_by_receipt/);
  });
});
