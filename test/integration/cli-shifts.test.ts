// `kaunter shifts` as the manager at month end and IT run it: the real command in its own process over a real SQLite
// file, filtered by the days shifts started and by cashier, as a table in shop time, one JSON array, or CSV for Excel.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totalsByCashier, countHistory } from '../../app/awards/history.ts';
import { NO_TOTALS } from '../../app/common/totals.ts';
import { Outbox } from '../../app/awards/outbox.ts';
import { transition } from '../../app/awards/transitions.ts';
import { SHIFT_CSV_HEADER } from '../../app/shifts/export.ts';
import { ShiftBook, type Shift } from '../../app/shifts/shifts.ts';
import { openDatabase } from '../../app/store/database.ts';
import type { MemberIdentity } from '../../app/common/member.ts';
import { BY_ID } from '../fixtures/award-rig.ts';
import { runCli } from '../fixtures/cli.ts';

const HOUR = 3_600_000;
/** 30/11/2026 09:00 in the shop (UTC+8). */
const MORNING = Date.UTC(2026, 10, 30, 1);

let dir: string;
let dbPath: string;
let shifts: Shift[];

/** Aina's shift on the 30th across midnight, Ben's on 1 December (still open); awards in each, in several states. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaunter-cli-shifts-'));
  dbPath = join(dir, 'awards.db');
  const db = openDatabase(dbPath);
  let now = MORNING;
  const book = new ShiftBook({ db, terminalId: 'T1', now: () => now, onChange: () => undefined });
  const award = (amountSen: number, cashier: string, to: 'AWARDED' | 'QUEUED' | 'UNKNOWN', member: MemberIdentity = BY_ID) => {
    const { award: made } = new Outbox(db, 'T1', () => now).submit({ amountSen, member, cashier, pointsPreview: Math.floor(amountSen / 100) }, `cashier:${cashier}`);
    if (to === 'QUEUED') return;
    transition(db, made.id, ['QUEUED'], { to: 'SENDING', actor: 'test' }, now);
    transition(db, made.id, ['SENDING'], { to, actor: 'test' }, now);
  };
  book.start('Aina');
  now += HOUR;
  award(1250, 'Aina', 'AWARDED');
  now += 15 * HOUR; // 01:00 on 1 December: still Aina's shift
  award(880, 'Aina', 'UNKNOWN');
  award(650, 'Aina', 'QUEUED');
  // A claim QR nobody was seen to scan: not given, said apart.
  award(4590, 'Aina', 'AWARDED', { type: 'QRCODE' });
  const aina = book.end();
  now += 8 * HOUR;
  const ben = book.start('Ben');
  award(4200, 'Ben', 'AWARDED');
  if (!aina) throw new Error('Aina had no open shift');
  shifts = [aina, ben];
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** History's own totals for a shift's awards: this terminal, this cashier, its first to its last millisecond. */
function historyFigures(shift: Shift) {
  const db = openDatabase(dbPath);
  try {
    const filter = { terminalId: shift.terminalId, cashier: shift.cashier, fromMs: shift.startedAt, ...(shift.endedAt === null ? {} : { toMs: shift.endedAt + 1 }) };
    const { cashier: _cashier, ...totals } = totalsByCashier(db, filter)[0] ?? { cashier: '', ...NO_TOTALS };
    return { ...totals, waiting: countHistory(db, { ...filter, states: ['QUEUED', 'SENDING'] }), unknown: countHistory(db, { ...filter, states: ['UNKNOWN'] }) };
  } finally {
    db.close();
  }
}

const env = () => ({ KAUNTER_DB: dbPath });

describe('kaunter shifts', () => {
  it('lists the shifts newest first in shop time, with the figures of history\'s totals', async () => {
    const result = await runCli(['shifts'], env());
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const [ben, aina] = lines as [string, string];
    expect(ben).toMatch(/^#2 Ben {2}2026-12-01 09:00:00 MYT to open {2}/);
    expect(aina).toMatch(/^#1 Aina {2}2026-11-30 09:00:00 MYT to 2026-12-01 01:00:00 MYT {2}/);
    const figures = historyFigures(shifts[0] as Shift);
    expect(aina).toContain(`${figures.awards} awards, ${figures.awardedAwards} awarded: RM ${(figures.awardedAmountSen / 100).toFixed(2)} and ${figures.points} points`);
    expect(aina).toContain(`${figures.waiting} to send, ${figures.unknown} to review`);
    expect(figures.unclaimedQrs).toBe(1);
    expect(aina).toContain('; 1 claim QR not seen claimed: RM 45.90 and 45 points more');
  });

  it('--json: every shift with its figures, equal to history\'s totals for its awards', async () => {
    const result = await runCli(['shifts', '--json'], env());
    expect(result.code, result.stderr).toBe(0);
    const items = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(items.map((item) => item.cashier)).toEqual(['Ben', 'Aina']);
    for (const shift of shifts) {
      const item = items.find((candidate) => candidate.id === shift.id);
      const figures = historyFigures(shift);
      expect(item).toMatchObject({
        terminalId: 'T1',
        startedAt: new Date(shift.startedAt).toISOString(),
        endedAt: shift.endedAt === null ? null : new Date(shift.endedAt).toISOString(),
        awards: figures.awards,
        awardedAwards: figures.awardedAwards,
        awardedAmountSen: figures.awardedAmountSen,
        points: figures.points,
        pointsEstimatedAwards: figures.unconfirmed,
        unclaimedQrs: figures.unclaimedQrs,
        unclaimedQrAmountSen: figures.unclaimedQrAmountSen,
        unclaimedQrPoints: figures.unclaimedQrPoints,
        notGiven: figures.notGiven,
        waiting: figures.waiting,
        unknown: figures.unknown,
      });
    }
  });

  it('filters by the days the shifts started (shop days, as the shop writes them) and by cashier', async () => {
    const ids = async (...args: string[]) => (JSON.parse((await runCli(['shifts', '--json', ...args], env())).stdout) as Array<{ id: number }>).map((item) => item.id);
    expect(await ids('--from', '30/11/2026', '--to', '30/11/2026')).toEqual([1]);
    expect(await ids('--from', '2026-12-01')).toEqual([2]);
    expect(await ids('--cashier', 'Ben')).toEqual([2]);
    expect(await ids('--to', '29/11/2026')).toEqual([]);
    const empty = await runCli(['shifts', '--to', '29/11/2026'], env());
    expect([empty.code, empty.stdout, empty.stderr.trim()]).toEqual([0, '', `kaunter shifts: reading ${dbPath}\nNo shifts match.`]);
  });

  it('--csv --out writes the CSV for Excel, for its owner only, and says so once', async () => {
    const out = join(dir, 'shifts.csv');
    const result = await runCli(['shifts', '--csv', '--out', out], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.trim()).toBe(`kaunter shifts: reading ${dbPath}\nexported 2 shifts to ${out}`);
    expect((statSync(out).mode & 0o777).toString(8)).toBe('600');
    const rows = parse<Record<string, string>>(readFileSync(out), { bom: true, columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual(SHIFT_CSV_HEADER);
    expect(rows.map((row) => [row.Cashier, row['Started (local time)'], row['Ended (local time)']])).toEqual([
      ['Ben', '2026-12-01 09:00:00', 'open'],
      ['Aina', '2026-11-30 09:00:00', '2026-12-01 01:00:00'],
    ]);
    const aina = historyFigures(shifts[0] as Shift);
    expect(rows[1]).toMatchObject({ Awards: String(aina.awards), 'Amount awarded (RM)': (aina.awardedAmountSen / 100).toFixed(2), 'Waiting to be sent': String(aina.waiting), 'Needs review': String(aina.unknown) });
    expect(rows[1]).toMatchObject({ 'Claim QRs not seen claimed': '1', 'Their amount (RM)': '45.90', 'Their points': '45', 'Not given': '0' });
  });

  it('refuses what it cannot read, saying what to do', async () => {
    const badDate = await runCli(['shifts', '--from', '12/31/2026'], env());
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('is not a day of the calendar');
    const both = await runCli(['shifts', '--json', '--csv'], env());
    expect([both.code, both.stderr.trim()]).toEqual([1, 'kaunter: Choose one of --json and --csv.']);
    const backwards = await runCli(['shifts', '--from', '02/12/2026', '--to', '01/12/2026'], env());
    expect(backwards.stderr).toContain('is not before');
  });
});

describe('kaunter history beside the shifts', () => {
  it('says a claim QR nobody was seen to claim is not counted as given, as History does', async () => {
    const result = await runCli(['history'], env());
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const qr = lines.filter((line) => line.includes('to claim QR'));
    expect(qr).toHaveLength(1);
    expect(qr[0]).toMatch(/^AWARDED {3}RM 45\.90 to claim QR \(45 points, estimate, not seen claimed, so not counted as given\) {2}/);
    expect(lines.filter((line) => line.includes('not seen claimed'))).toHaveLength(1);
  });
});
