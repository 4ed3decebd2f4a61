// History over a real SQLite file: filters, keyset paging, totals, CSV that Excel reads right, retention.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AwardState } from '../../app/awards/award.ts';
import { CSV_HEADER, exportCsv } from '../../app/awards/export.ts';
import { countHistory, CursorError, historyPage, totalsByCashier, totalsByDay } from '../../app/awards/history.ts';
import { historyFilterSchema, type HistoryFilter } from '../../app/awards/history-filter.ts';
import { Outbox } from '../../app/awards/outbox.ts';
import { purgeFinishedAwards } from '../../app/awards/retention.ts';
import { confirmPoints, markClaimed, transition } from '../../app/awards/transitions.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';

const DAY = 86_400_000;
const MYT = 480;
// 2026-11-01 00:00 in Malaysia.
const START = Date.UTC(2026, 10, 1) - 8 * 3_600_000;

let db: Db;
let clock = START;
let outbox: Outbox;

function award(offsetMs: number, options: { cashier?: string; member?: unknown; sen?: number; receipt?: string; points?: number; to?: AwardState } = {}): string {
  clock = START + offsetMs;
  const { award: created } = outbox.submit(
    {
      amountSen: options.sen ?? 1000,
      member: options.member ?? { type: 'ID', memberId: '2777058682717858418' },
      cashier: options.cashier ?? 'Aina',
      receiptRef: options.receipt,
      pointsPreview: options.points ?? 10,
    },
    'cashier:test',
  );
  if (options.to === 'AWARDED' || options.to === 'UNKNOWN' || options.to === 'REJECTED') {
    transition(db, created.id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, clock);
    transition(db, created.id, ['SENDING'], { to: options.to, actor: 'relay' }, clock);
  } else if (options.to === 'VOIDED') {
    transition(db, created.id, ['QUEUED'], { to: 'VOIDED', actor: 'cashier:test' }, clock);
  }
  return created.id;
}

beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'kaunter-history-')), 'awards.db'));
  outbox = new Outbox(db, 'T1', () => clock);
});

describe('history pages', () => {
  it('pages newest first with a keyset cursor, no row twice and none missed, including rows with equal times', () => {
    for (let i = 0; i < 57; i += 1) award(Math.floor(i / 3) * 1000, { sen: 100 + i, to: 'AWARDED' });
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = historyPage(db, {}, cursor, 10);
      seen.push(...page.items.map((a) => a.amountSen));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toEqual(Array.from({ length: 57 }, (_, i) => 156 - i));
  });

  it('filters by time, state, cashier, receipt, member ID and phone tail', () => {
    award(0, { cashier: 'Aina', receipt: 'R-1', to: 'AWARDED' });
    award(DAY, { cashier: 'Ben', to: 'UNKNOWN' });
    award(2 * DAY, { cashier: 'Ben', member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' }, to: 'AWARDED' });
    award(3 * DAY, { cashier: 'Chong', member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '176473298' } });
    const amounts = (filter: HistoryFilter) => historyPage(db, filter, null, 50).items.map((a) => a.cashier);
    expect(amounts({ fromMs: START + DAY, toMs: START + 3 * DAY })).toEqual(['Ben', 'Ben']);
    expect(amounts({ states: ['UNKNOWN'] })).toEqual(['Ben']);
    expect(amounts({ states: ['AWARDED', 'QUEUED'] })).toEqual(['Chong', 'Ben', 'Aina']);
    expect(amounts({ cashier: 'Ben' })).toEqual(['Ben', 'Ben']);
    expect(amounts({ receipt: 'R-1' })).toEqual(['Aina']);
    expect(amounts({ receipt: 'r-1' }), 'a receipt typed in another case').toEqual(['Aina']);
    // Typed through a Chinese IME in full-width mode, as the contract reads a manager's filter.
    expect(amounts(historyFilterSchema.parse({ receipt: 'Ｒ－１' }))).toEqual(['Aina']);
    expect(amounts(historyFilterSchema.parse({ member: '６９９０' }))).toEqual(['Ben']);
    expect(amounts({ member: '2777058682717858418' })).toEqual(['Ben', 'Aina']);
    expect(amounts({ member: '6990' })).toEqual(['Ben']);
    expect(amounts({ member: '017-282 6990' })).toEqual(['Ben']);
    expect(amounts({ member: '3298' })).toEqual(['Chong']);
    expect(countHistory(db, { cashier: 'Ben' })).toBe(2);
  });

  it('refuses a forged cursor with a message', () => {
    expect(() => historyPage(db, {}, 'bm9wZQ', 10)).toThrow(CursorError);
  });
});

describe('totals', () => {
  it('per Malaysian calendar day and per cashier, counting points and amounts of awarded awards only', () => {
    award(1 * 3_600_000, { sen: 1000, points: 10, to: 'AWARDED' }); // 01:00 on 1 Nov (MYT)
    award(23 * 3_600_000, { sen: 500, points: 5, to: 'AWARDED', cashier: 'Ben' }); // 23:00 on 1 Nov (MYT), 15:00 UTC
    award(DAY + 60_000, { sen: 700, points: 7, to: 'VOIDED' }); // 2 Nov
    award(DAY + 120_000, { sen: 300, points: 3, to: 'AWARDED' }); // 2 Nov
    const none = { unclaimedQrs: 0, unclaimedQrAmountSen: 0, unclaimedQrPoints: 0 };
    expect(totalsByDay(db, {}, MYT)).toEqual([
      { day: '2026-11-02', awards: 2, awardedAwards: 1, awardedAmountSen: 300, points: 3, unconfirmed: 1, ...none, notGiven: 1 },
      { day: '2026-11-01', awards: 2, awardedAwards: 2, awardedAmountSen: 1500, points: 15, unconfirmed: 2, ...none, notGiven: 0 },
    ]);
    expect(totalsByCashier(db, {})).toEqual([
      { cashier: 'Aina', awards: 3, awardedAwards: 2, awardedAmountSen: 1300, points: 13, unconfirmed: 2, ...none, notGiven: 1 },
      { cashier: 'Ben', awards: 1, awardedAwards: 1, awardedAmountSen: 500, points: 5, unconfirmed: 1, ...none, notGiven: 0 },
    ]);
  });

  // A claim QR RM made (AWARDED) that nobody was seen to scan may have given its points to no one: not "given".
  it('counts the points of claim QRs not seen claimed apart from those given, from the summary and from the awards alike', () => {
    const qr = { type: 'QRCODE' };
    award(3_600_000, { sen: 6500, points: 65, to: 'AWARDED' });
    award(2 * 3_600_000, { sen: 4590, points: 45, member: qr, to: 'AWARDED' });
    const claimed = award(3 * 3_600_000, { sen: 1200, points: 12, member: qr, to: 'AWARDED' });
    markClaimed(db, claimed, clock);
    award(4 * 3_600_000, { sen: 800, points: 8, member: qr, to: 'VOIDED' });
    const expected = { awards: 4, awardedAwards: 2, awardedAmountSen: 7700, points: 77, unconfirmed: 2, unclaimedQrs: 1, unclaimedQrAmountSen: 4590, unclaimedQrPoints: 45, notGiven: 1 };
    // Whole days read the summary; a range cut mid-day, or a shift, counts the awards.
    for (const filter of [{}, { fromMs: START }, { fromMs: START + 1 }, { states: ['AWARDED' as const, 'VOIDED' as const] }]) {
      expect(totalsByDay(db, filter, MYT), JSON.stringify(filter)).toEqual([{ day: '2026-11-01', ...expected }]);
      expect(totalsByCashier(db, filter), JSON.stringify(filter)).toEqual([{ cashier: 'Aina', ...expected }]);
    }
  });
});

describe('the per-day summary behind the totals', () => {
  it('always equals counting the awards themselves, through submits, state changes and a purge', () => {
    const states: AwardState[] = ['QUEUED', 'AWARDED', 'UNKNOWN', 'REJECTED', 'VOIDED'];
    for (let i = 0; i < 300; i += 1) {
      // Every other awarded one is a claim QR, half of those seen claimed.
      const member = i % 10 === 1 || i % 20 === 6 ? { type: 'QRCODE' } : undefined;
      const id = award(Math.floor(i * DAY * 0.1337) % (40 * DAY), { cashier: ['Aina', 'Ben', 'Chong'][i % 3], sen: 100 + i, points: i % 17, to: states[i % states.length], member });
      // RM's figure arrives for some, after their state changed (unclaimed claim QRs among them): the summary follows it.
      if (i % 4 === 0 || i % 30 === 11) confirmPoints(db, id, i % 13, clock);
      if (i % 20 === 6) markClaimed(db, id, clock);
      // A manager cancels some unclaimed claim QRs: they leave the QRs counted apart for the not given.
      if (i % 30 === 21) transition(db, id, ['AWARDED'], { to: 'CANCELLED', actor: 'manager:Lim', reason: 'refund' }, clock);
    }
    purgeFinishedAwards(db, 20, START + 40 * DAY);
    const counted = db
      .prepare(
        `SELECT dayNumber, COUNT(*) AS awards, SUM(given) AS awardedAwards, COALESCE(SUM(CASE WHEN given THEN amount_sen END), 0) AS awardedAmountSen,
           COALESCE(SUM(CASE WHEN given THEN points_preview END), 0) AS points, COALESCE(SUM(given AND points_confirmed = 0), 0) AS unconfirmed,
           SUM(unclaimed) AS unclaimedQrs, COALESCE(SUM(CASE WHEN unclaimed THEN amount_sen END), 0) AS unclaimedQrAmountSen,
           COALESCE(SUM(CASE WHEN unclaimed THEN points_preview END), 0) AS unclaimedQrPoints, SUM(state IN ('REJECTED', 'VOIDED', 'CANCELLED')) AS notGiven
         FROM (SELECT *, (created_at + 28800000) / 86400000 AS dayNumber, state = 'AWARDED' AND NOT unclaimedQr AS given, unclaimedQr AS unclaimed
               FROM (SELECT *, state = 'AWARDED' AND member_type = 'QRCODE' AND claimed_at IS NULL AS unclaimedQr FROM awards))
         GROUP BY dayNumber ORDER BY dayNumber DESC`,
      )
      .all() as Array<{ dayNumber: number; awards: number; awardedAwards: number; unclaimedQrs: number }>;
    expect(counted.some((row) => row.unclaimedQrs > 0) && counted.some((row) => row.awardedAwards > 0), 'claim QRs and given awards both counted').toBe(true);
    const expected = counted.map(({ dayNumber, ...rest }) => ({ day: new Date(dayNumber * DAY).toISOString().slice(0, 10), ...rest }));
    expect(expected.length).toBeGreaterThan(10);
    expect(totalsByDay(db, {}, MYT)).toEqual(expected);
    // A range cut mid-day cannot use the summary; it counts the awards and must agree where the two overlap.
    const midDay = totalsByDay(db, { fromMs: START + 25 * DAY + 1 }, MYT);
    expect(midDay.slice(0, -1)).toEqual(expected.filter((d) => d.day > midDay.at(-1)!.day));
  });
});

describe('a database from before claim QRs were counted apart (migration 15)', () => {
  it('counts its unclaimed claim QRs apart from the start, as counting the awards does', () => {
    for (let i = 0; i < 40; i += 1) {
      const id = award(i * 3_600_000, { cashier: ['Aina', 'Ben'][i % 2], sen: 500 + i, points: i, to: 'AWARDED', member: i % 3 === 0 ? { type: 'QRCODE' } : undefined });
      if (i % 9 === 0) markClaimed(db, id, clock);
    }
    // A range cut a millisecond before the first day counts the awards themselves.
    const counted = totalsByCashier(db, { fromMs: START - 1 });
    // The database as migration 14 left it: no summary of the QRs, and no triggers keeping one.
    const file = db.name;
    db.exec('DROP TRIGGER unclaimed_qr_totals_on_insert; DROP TRIGGER unclaimed_qr_totals_on_update; DROP TRIGGER unclaimed_qr_totals_on_delete; DROP TABLE unclaimed_qr_totals; PRAGMA user_version = 14');
    db.close();
    db = openDatabase(file);
    expect(counted.some((row) => row.unclaimedQrs > 0)).toBe(true);
    expect(totalsByCashier(db, {})).toEqual(counted);
  });
});

describe('CSV export', () => {
  it('is what Excel needs: BOM, CRLF, ringgit, digits kept as text, formulas defused; parsed back it matches', async () => {
    award(0, { sen: 1250, member: { type: 'ID', memberId: '2777058682717858418' }, receipt: '000123', to: 'AWARDED' });
    award(1000, { sen: 5, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' }, cashier: '=cmd|calc', receipt: '+SUM(A1)' });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const progress: Array<[number, number]> = [];
    const rows = await exportCsv(db, {}, out, { utcOffsetMinutes: MYT, onProgress: (d, t) => progress.push([d, t]) });
    out.end();
    const bytes = Buffer.concat(chunks);
    expect(rows).toBe(2);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')).toHaveLength(4);
    const records: string[][] = parse(text, { bom: true });
    expect(records[0]).toEqual(CSV_HEADER);
    const [first, second] = [records[1] as string[], records[2] as string[]];
    expect(first[1]).toBe('2026-11-01 00:00:00');
    expect(first[4]).toBe('="000123"');
    expect(first[5]).toBe('12.50');
    expect(first[7]).toBe('="2777058682717858418"');
    expect(second[3]).toBe("'=cmd|calc");
    expect(second[4]).toBe("'+SUM(A1)");
    expect(second[5]).toBe('0.05');
    // The phone as the screens show it (memberText), kept as text: a bare + would start a formula.
    expect(second[8]).toBe('="+60 17-282 6990"');
    expect([first[9], first[10]]).toEqual(['10', 'estimate']);
    expect(progress.at(-1)).toEqual([2, 2]);
  });

  it('reports progress at once, then at most every 100 ms, and always the last count: each report crosses to the window', async () => {
    db.transaction(() => {
      for (let i = 0; i < 5_000; i += 1) award(i * 1000, { sen: 100 + (i % 50) });
    })();
    const reports: Array<{ done: number; total: number; atMs: number }> = [];
    const out = new PassThrough();
    out.resume();
    const rows = await exportCsv(db, {}, out, { utcOffsetMinutes: MYT, onProgress: (done, total) => reports.push({ done, total, atMs: performance.now() }) });
    expect(rows).toBe(5_000);
    expect(reports[0]).toMatchObject({ done: 250, total: 5_000 });
    expect(reports.at(-1)).toMatchObject({ done: 5_000, total: 5_000 });
    // Between reports before the last: 20 batches of 250 take a few milliseconds each, so unthrottled they come ~3 ms apart.
    const gaps = reports.slice(1, -1).map((report, i) => report.atMs - (reports[i] as { atMs: number }).atMs);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(90);
    expect(new Set(reports.map((report) => report.done)).size).toBe(reports.length);
  });

  it('a reason typed on two lines stays in its cell: quoted, so a reader that ends rows at a bare LF (Excel) sees one row', async () => {
    const id = award(0, { to: 'UNKNOWN' });
    transition(db, id, ['UNKNOWN'], { to: 'AWARDED', actor: 'manager:Lim', resolution: { by: 'Lim', reason: 'checked RM\nthe credit is there' } }, clock);
    award(1000, { cashier: 'Ben', to: 'AWARDED' });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    expect(await exportCsv(db, {}, out, { utcOffsetMinutes: MYT })).toBe(2);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toContain(',"checked RM\nthe credit is there",Awarded,10,10.00\r\n');
    const records: string[][] = parse(text, { bom: true, record_delimiter: ['\r\n', '\n', '\r'] });
    expect(records).toHaveLength(3);
    expect(records.map((record) => record[3])).toEqual(['Cashier', 'Aina', 'Ben']);
    expect(records[1]?.[CSV_HEADER.indexOf('Resolution')]).toBe('checked RM\nthe credit is there');
  });

  it('streams in batches for thousands of rows: progress from the first batch, rising, to the last row', async () => {
    db.transaction(() => {
      for (let i = 0; i < 2_500; i += 1) award(i, { sen: 100 + i });
    })();
    const out = new PassThrough();
    let lines = 0;
    out.on('data', (c: Buffer) => (lines += c.toString().split('\r\n').length - 1));
    const progress: number[] = [];
    await exportCsv(db, {}, out, { utcOffsetMinutes: MYT, onProgress: (done) => progress.push(done) });
    expect(progress[0]).toBe(250);
    expect(progress.at(-1)).toBe(2_500);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(lines).toBe(2_501);
  });

  it('lets the event loop run between batches, so a counter award never waits for a whole export', async () => {
    db.transaction(() => {
      for (let i = 0; i < 2_500; i += 1) award(i, { sen: 100 + i });
    })();
    // A sink that never pushes back: the export's own pauses are all the event loop gets.
    const out = new PassThrough({ highWaterMark: 64 * 1024 * 1024 });
    let turns = 0;
    let running = true;
    const tick = (): void => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await exportCsv(db, {}, out, { utcOffsetMinutes: MYT });
    running = false;
    expect(turns).toBeGreaterThanOrEqual(9);
  });
});

describe('retention', () => {
  it('purges finished awards older than N days, never QUEUED or UNKNOWN ones, with their events', () => {
    const oldAwarded = award(0, { to: 'AWARDED' });
    const oldVoided = award(0, { to: 'VOIDED' });
    const oldQueued = award(0);
    const oldUnknown = award(0, { to: 'UNKNOWN' });
    const recent = award(40 * DAY, { to: 'AWARDED' });
    expect(purgeFinishedAwards(db, 30, START + 41 * DAY)).toBe(2);
    expect(outbox.get(oldAwarded)).toBeNull();
    expect(outbox.get(oldVoided)).toBeNull();
    expect(outbox.get(oldQueued)?.award.state).toBe('QUEUED');
    expect(outbox.get(oldUnknown)?.award.state).toBe('UNKNOWN');
    expect(outbox.get(recent)?.award.state).toBe('AWARDED');
    expect((db.prepare('SELECT COUNT(*) AS n FROM award_events WHERE award_id IN (?, ?)').get(oldAwarded, oldVoided) as { n: number }).n).toBe(0);
    expect(() => purgeFinishedAwards(db, 0, Date.now())).toThrow(/at least 1/);
  });
});
