// The cashier's shift in the core, on real SQLite files and the training sandbox on loopback: picking a name starts a
// shift, another name ends it and starts theirs, ending is explicit, a restart or midnight does not end it, and its
// figures are the history's own totals for its awards (this terminal, this cashier, its time), counted live.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../app/contract.ts';
import { trainingRmHost, type TrainingRmHost } from '../../app/core/training-rm.ts';
import { validateSubmitInput } from '../../app/awards/award.ts';
import { countHistory, historyPage } from '../../app/awards/history.ts';
import { NO_TOTALS } from '../../app/common/totals.ts';
import { Outbox } from '../../app/awards/outbox.ts';
import { createAward } from '../../app/awards/transitions.ts';
import { DEMO_MEMBERS } from '../../app/sandbox/index.ts';
import { shiftCsvRow, SHIFT_CSV_HEADER } from '../../app/shifts/export.ts';
import { summariseShift } from '../../app/shifts/figures.ts';
import { findShift, ShiftBook, type Shift } from '../../app/shifts/shifts.ts';
import { SHOP_UTC_OFFSET_MINUTES } from '../../app/common/shop-time.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { MIGRATIONS } from '../../app/store/migrations.ts';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';

type Summary = MethodOutput<'shift.summary'>;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const [NURUL, WEI_MING, MUTHU] = DEMO_MEMBERS.map((member) => member.memberId) as [string, string, string];

let dataDir: string;
let training: TrainingRmHost;
let rig: CoreRig | null = null;
/** The core's clock runs with the real one (RM checks request times), moved by whole hours to reach midnight. */
let offsetMs = 0;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kaunter-shifts-'));
  training = trainingRmHost(dataDir);
  offsetMs = 0;
});

afterEach(async () => {
  await rig?.close();
  rig = null;
  await training.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openCore(): Promise<CoreRig> {
  rig = await makeCoreRig({ now: () => Date.now() + offsetMs, trainingRm: () => training.get() }, dataDir);
  return rig;
}

async function call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const answer = await (rig as CoreRig).dispatch(method, input);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  return answer.value as T;
}

/** An award as the counter makes one: RM's points preview first (so its points are RM's own at once), then Confirm. */
async function award(amountSen: number, memberId: string, beforeConfirm = (): unknown => undefined): Promise<MethodOutput<'award.submit'>['award']> {
  const preview = await call<MethodOutput<'award.preview'>>('award.preview', { amountSen });
  await beforeConfirm();
  const pointsPreview = preview.points === null ? {} : { pointsPreview: preview.points };
  const result = await call<MethodOutput<'award.submit'>>('award.submit', { id: randomUUID(), amountSen, member: { type: 'ID', memberId }, ...pointsPreview });
  return result.award;
}

async function shopCashiers(names: string[]): Promise<void> {
  await call('settings.update', { cashiers: names });
}

/** What history itself says of a shift's awards: its totals, and how many are waiting or unknown. */
async function historyFigures(summary: Summary): Promise<Summary['figures']> {
  await unlockManager();
  const filter = summary.historyFilter;
  const totals = await call<MethodOutput<'history.totals'>>('history.totals', { filter });
  const { cashier: _cashier, ...row } = totals.byCashier[0] ?? { cashier: '', ...NO_TOTALS };
  const count = async (states: string[]) => (await call<MethodOutput<'history.page'>>('history.page', { filter: { ...filter, states }, cursor: null, limit: 500 })).items.length;
  return { ...NO_TOTALS, ...row, waiting: await count(['QUEUED', 'SENDING']), unknown: await count(['UNKNOWN']) };
}

/** A shift as the cashier, the manager and the CSV see it: its figures, the awards its "Awards" link lists, its CSV row. */
function shiftSeen(db: Db, shift: Shift, now: number): { awards: number; waiting: number; listed: string[]; csvAwards: string | undefined } {
  const summary = summariseShift(db, shift, now);
  const listed = historyPage(db, summary.historyFilter, null, 500).items.map((item) => item.id);
  const csvAwards = shiftCsvRow(summary, SHOP_UTC_OFFSET_MINUTES)[SHIFT_CSV_HEADER.indexOf('Awards')];
  return { awards: summary.figures.awards, waiting: summary.figures.waiting, listed: listed.sort(), csvAwards };
}

/** The history is the manager's: set the PIN on a new terminal, or unlock with it. */
async function unlockManager(): Promise<void> {
  const status = await call<MethodOutput<'manager.status'>>('manager.status');
  if (!status.pinSet) await call('manager.setPin', { pin: '2468', managerName: 'Siti' });
  else if (!status.unlocked) await call('manager.unlock', { pin: '2468' });
}

describe('the cashier\'s shift', () => {
  it('picking a name starts that cashier\'s shift, and their awards are its awards', async () => {
    await openCore();
    await shopCashiers(['Aina', 'Ben']);
    expect(await call('shift.current')).toBeNull();
    const refused = await rig!.dispatch('award.submit', { id: randomUUID(), amountSen: 500, member: { type: 'ID', memberId: NURUL } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', key: 'cashier.choose' } });

    const shift = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    expect(shift).toMatchObject({ cashier: 'Aina', terminalId: rig!.core.settings.value.terminalId, endedAt: null });
    expect(await call('shift.current')).toEqual(shift);
    const given = await award(1250, NURUL);
    expect(given).toMatchObject({ cashier: 'Aina', state: 'AWARDED' });
    expect(rig!.events).toContainEqual({ event: 'shift.changed', payload: { shift } });

    const summary = await call<Summary>('shift.summary', { id: shift.id });
    expect(summary.figures).toMatchObject({ awards: 1, awardedAwards: 1, awardedAmountSen: 1250 });
    expect(summary.figures).toEqual(await historyFigures(summary));
  });

  it('a shop without a cashier list needs no shift: its awards are the terminal\'s, labelled as one', async () => {
    await openCore();
    await call('settings.update', { terminalName: 'Kaunter 2' });
    expect(await call('shift.current')).toBeNull();
    // Recorded as a code with the terminal's name, which each reader's language words (app/common/cashier.ts).
    expect(await award(1250, NURUL)).toMatchObject({ cashier: 'terminal:Kaunter 2', state: 'AWARDED' });
  });

  it('a name not on the shop\'s list is refused, and the open shift stays', async () => {
    await openCore();
    await shopCashiers(['Aina']);
    const aina = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    expect(await rig!.dispatch('shift.start', { cashier: 'Zed' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', key: 'cashier.notListed', params: { name: 'Zed' } } });
    expect(await call('shift.current')).toEqual(aina);
  });

  it('another cashier picking their name ends the open shift and starts theirs; the two never overlap', async () => {
    await openCore();
    await shopCashiers(['Aina', 'Ben']);
    const aina = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    await award(1000, NURUL);
    const ben = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Ben' });
    await award(2000, WEI_MING);
    await award(3000, MUTHU);

    // Not the terminal's latest shift: the manager's to see.
    expect(await rig!.dispatch('shift.summary', { id: aina.id })).toMatchObject({ ok: false, error: { code: 'LOCKED', key: 'shift.managerOnly' } });
    await unlockManager();
    // The manager's session is this caller's: another window or socket at the counter still sees only the latest shift.
    const otherScreen = { id: 'socket:other', role: 'counter' } as const;
    expect(await rig!.dispatchAs(otherScreen, 'shift.summary', { id: aina.id })).toMatchObject({ ok: false, error: { code: 'LOCKED', key: 'shift.managerOnly' } });
    const ainaShift = await call<Summary>('shift.summary', { id: aina.id });
    expect(ainaShift.endedAt).not.toBeNull();
    expect(ben.startedAt).toBeGreaterThan(ainaShift.endedAt ?? Infinity);
    expect(ainaShift.figures).toMatchObject({ awards: 1, awardedAmountSen: 1000 });
    const benShift = await call<Summary>('shift.summary', { id: ben.id });
    expect(benShift.figures).toMatchObject({ awards: 2, awardedAmountSen: 5000 });
    expect(rig!.events.filter((e) => e.event === 'shift.changed').map((e) => (e.payload as { shift: { cashier: string } | null }).shift?.cashier)).toEqual([
      undefined, // the core opened with no shift
      'Aina',
      'Ben',
    ]);
  });

  it('the same cashier picking their name again carries on their shift', async () => {
    await openCore();
    const first = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    const again = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    expect(again).toEqual(first);
    expect(rig!.events.filter((e) => e.event === 'shift.changed')).toHaveLength(2);
  });

  it('ending the shift gives its summary; the next award waits for a name; ending again is refused', async () => {
    await openCore();
    await shopCashiers(['Aina', 'Ben']);
    const shift = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    await award(880, NURUL);
    const summary = await call<Summary>('shift.end');
    expect(summary).toMatchObject({ id: shift.id, cashier: 'Aina' });
    expect(summary.endedAt).toBeGreaterThanOrEqual(shift.startedAt);
    expect(summary.figures).toEqual(await historyFigures(summary));
    // The latest shift.changed, not the latest event: queue.changed for the award comes a turn later (sent once per turn).
    expect(rig!.events.filter((e) => e.event === 'shift.changed').at(-1)).toEqual({ event: 'shift.changed', payload: { shift: null } });
    expect(await call('shift.current')).toBeNull();
    // The counter may still see (print, export) the shift it just ended.
    expect(await call<Summary>('shift.summary', { id: shift.id })).toMatchObject({ id: shift.id, endedAt: summary.endedAt });
    expect(await rig!.dispatch('award.submit', { id: randomUUID(), amountSen: 500, member: { type: 'ID', memberId: NURUL } })).toMatchObject({ ok: false, error: { key: 'cashier.choose' } });
    expect(await rig!.dispatch('shift.end', {})).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', key: 'shift.noneOpen' } });
  });

  it('a restart leaves the shift open, and it carries on', async () => {
    await openCore();
    await shopCashiers(['Aina', 'Ben']);
    const shift = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    await award(1500, NURUL);
    await rig!.close();
    rig = null;

    await openCore();
    expect(await call('shift.current')).toEqual(shift);
    expect(rig!.events).toContainEqual({ event: 'shift.changed', payload: { shift } });
    expect(await award(2500, WEI_MING)).toMatchObject({ cashier: 'Aina' });
    const summary = await call<Summary>('shift.end');
    expect(summary.figures).toMatchObject({ awards: 2, awardedAmountSen: 4000 });
    expect(summary.figures).toEqual(await historyFigures(summary));
  });

  it('each environment keeps its own shifts: switching tells the counter where the other one stands', async () => {
    await openCore();
    await shopCashiers(['Aina', 'Ben']);
    const training = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    await call('settings.update', { environment: 'sandbox' });
    expect(await call('shift.current')).toBeNull();
    // The latest shift.changed, not the latest event: queue.changed for the award comes a turn later (sent once per turn).
    expect(rig!.events.filter((e) => e.event === 'shift.changed').at(-1)).toEqual({ event: 'shift.changed', payload: { shift: null } });
    const sandbox = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Ben' });

    await call('settings.update', { environment: 'training' });
    expect(await call('shift.current')).toEqual(training);
    expect(rig!.events.at(-1)).toEqual({ event: 'shift.changed', payload: { shift: training } });
    await call('settings.update', { environment: 'sandbox' });
    expect(await call('shift.current')).toEqual(sandbox);
  });

  it('a shift open across midnight is one shift, and nobody is asked to pick again', async () => {
    const shopMs = (ms: number) => ms + SHOP_UTC_OFFSET_MINUTES * 60_000;
    const dayMs = 24 * HOUR_MS;
    // 23:20 in the shop now.
    offsetMs = dayMs - (shopMs(Date.now()) % dayMs) - 40 * 60_000;
    await openCore();
    await shopCashiers(['Aina', 'Ben']);
    const shift = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    const before = await award(1200, NURUL);
    offsetMs += HOUR_MS;
    const after = await award(3400, WEI_MING);
    expect(Math.floor(shopMs(after.createdAt) / dayMs)).toBe(Math.floor(shopMs(before.createdAt) / dayMs) + 1);
    expect(after.cashier).toBe('Aina');
    expect(await call('shift.current')).toEqual(shift);

    const summary = await call<Summary>('shift.end');
    expect(summary.figures).toMatchObject({ awards: 2, awardedAmountSen: 4600 });
    expect(summary.figures).toEqual(await historyFigures(summary));
    const byDay = await call<MethodOutput<'history.totals'>>('history.totals', { filter: summary.historyFilter });
    expect(byDay.byDay).toHaveLength(2);
  });

  it('its figures are history\'s totals for its awards, with those waiting and unknown counted as they stand', async () => {
    await openCore();
    await shopCashiers(['Aina', 'Ben']);
    const sandbox = (await training.get(), training.sandbox!);
    const shift = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    const states: string[] = [];
    states.push((await award(1250, NURUL)).state);
    states.push((await award(990, 'NO-SUCH-MEMBER-1')).state);
    states.push((await award(1880, WEI_MING, () => sandbox.setFault({ mode: 'apply-then-drop', path: '/v3/loyalty/spending-reward', count: 1 }))).state);
    await sandbox.refuseConnections(true);
    states.push((await award(650, MUTHU)).state);
    // Not Aina's shift's: another terminal's award by Aina in the same database (the command line's), at the same time.
    new Outbox(rig!.core.env.db, 'cli-other-pc').submit({ amountSen: 7000, member: { type: 'ID', memberId: NURUL }, cashier: 'Aina' }, 'cashier:Aina');
    expect(states).toEqual(['AWARDED', 'REJECTED', 'UNKNOWN', 'QUEUED']);

    const shown = await call<Summary>('shift.summary', { id: shift.id });
    expect(shown.figures).toEqual(await historyFigures(shown));
    expect(shown.figures).toMatchObject({ awards: 4, waiting: 1, unknown: 1 });

    // RM is back: the queued award goes, and the same summary shown again says so.
    await sandbox.refuseConnections(false);
    await call('queue.retryNow');
    let later = await call<Summary>('shift.summary', { id: shift.id });
    // (Its points were an estimate while RM was away: RM's own figure follows the award.)
    for (const started = Date.now(); (later.figures.waiting > 0 || later.figures.unconfirmed > 0) && Date.now() - started < 30_000; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      later = await call<Summary>('shift.summary', { id: shift.id });
    }
    expect(later.figures).toEqual(await historyFigures(later));
    expect(later.figures.awardedAwards).toBe(shown.figures.awardedAwards + 1);
    expect(later.asOf).toBeGreaterThanOrEqual(shown.asOf);
  });

  it('a manager lists shifts by the day they started and by cashier', async () => {
    await openCore();
    await shopCashiers(['Aina', 'Ben']);
    const aina = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    await award(1000, NURUL);
    offsetMs += 2 * 24 * HOUR_MS;
    const ben = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Ben' });
    await award(2000, WEI_MING);
    const ainaAgain = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });

    expect(await rig!.dispatch('shift.list', { filter: {}, limit: 50 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await unlockManager();
    const list = async (filter: object, limit = 50) => call<MethodOutput<'shift.list'>>('shift.list', { filter, limit });
    expect((await list({})).items.map((s) => s.id)).toEqual([ainaAgain.id, ben.id, aina.id]);
    expect((await list({ cashier: 'Aina' })).items.map((s) => s.id)).toEqual([ainaAgain.id, aina.id]);
    expect((await list({ toMs: ben.startedAt })).items.map((s) => s.id)).toEqual([aina.id]);
    expect((await list({ fromMs: ben.startedAt })).items.map((s) => s.id)).toEqual([ainaAgain.id, ben.id]);
    expect(await list({}, 2)).toMatchObject({ more: true, items: [{ id: ainaAgain.id }, { id: ben.id }] });
    for (const item of (await list({})).items) expect(item.figures).toEqual(await historyFigures(item));
  });

  it('a clock turned back never ends a shift before it started, nor starts the next inside it', async () => {
    await openCore();
    const first = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    offsetMs -= HOUR_MS;
    const second = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Ben' });
    await unlockManager();
    const ended = await call<Summary>('shift.summary', { id: first.id });
    expect(ended.endedAt).toBe(first.startedAt);
    expect(second.startedAt).toBe(first.startedAt + 1);
    expect((await call<Summary>('shift.end')).endedAt).toBe(second.startedAt);
  });

  it('an award made in the very millisecond the shift ends is the shift\'s', () => {
    const db = openDatabase(join(dataDir, 'one-millisecond.db'));
    try {
      const at = Date.UTC(2026, 11, 1, 10);
      const book = new ShiftBook({ db, terminalId: 'T1', now: () => at, onChange: () => undefined });
      book.start('Aina');
      new Outbox(db, 'T1', () => at).submit({ amountSen: 500, member: { type: 'ID', memberId: NURUL }, cashier: 'Aina' }, 'cashier:Aina');
      const ended = book.end();
      if (!ended) throw new Error('no shift was open');
      expect([ended.startedAt, ended.endedAt]).toEqual([at, at]);
      expect(summariseShift(db, ended, at).figures.awards).toBe(countHistory(db, { cashier: 'Aina' }));
      expect(summariseShift(db, ended, at).figures.awards).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('a PC clock put back an hour during a shift leaves its awards in its figures, its list and its CSV, and the next shift gets its own', () => {
    const db = openDatabase(join(dataDir, 'clock-put-back.db'));
    try {
      // 10:00 in the shop by a PC an hour fast.
      let now = Date.UTC(2026, 1, 2, 2);
      const book = new ShiftBook({ db, terminalId: 'T1', now: () => now, onChange: () => undefined });
      const sale = (cashier: string, amountSen: number, terminal = 'T1') =>
        new Outbox(db, terminal, () => now).submit({ amountSen, member: { type: 'ID', memberId: NURUL }, cashier }, `cashier:${cashier}`).award.id;

      const aina = book.start('Aina');
      now += 5 * MINUTE_MS;
      const ainas = [sale('Aina', 1000)];
      now += 25 * MINUTE_MS;
      ainas.push(sale('Aina', 2000));
      now -= HOUR_MS; // someone sets the clock right: 09:30
      now += 5 * MINUTE_MS;
      ainas.push(sale('Aina', 4000));
      // Not Aina's shift's: the command line's awards under another terminal, or another name, at the same time.
      sale('Aina', 7000, 'cli-other-pc');
      sale('cli', 7000);
      now += 5 * MINUTE_MS;
      const ended = book.end();
      if (!ended) throw new Error('no shift was open');
      expect(ended.id).toBe(aina.id);
      expect(shiftSeen(db, ended, now)).toEqual({ awards: 3, waiting: 3, listed: [...ainas].sort(), csvAwards: '3' });

      now += MINUTE_MS;
      const ben = book.start('Ben');
      // The shift starts after the one before ended, ahead of the clock as it now reads.
      expect(ben.startedAt).toBeGreaterThan(now);
      now += MINUTE_MS;
      const bens = [sale('Ben', 500)];
      expect(shiftSeen(db, ben, now)).toEqual({ awards: 1, waiting: 1, listed: bens, csvAwards: '1' });
      expect(shiftSeen(db, ended, now).listed).toEqual([...ainas].sort());
    } finally {
      db.close();
    }
  });

  it('shifts from before awards recorded their shift keep their awards: an ended one its time window, an open one those so far and all after', () => {
    const path = join(dataDir, 'before-shift-ids.db');
    // 09:00 in the shop.
    const at = Date.UTC(2026, 1, 2, 1);
    // The database as the version before wrote it: Aina's shift 09:00-11:00 ended, Ben's open since.
    const old = new Database(path);
    for (const step of MIGRATIONS.slice(0, 9)) old.exec(step);
    old.pragma('user_version = 9');
    const insertShift = old.prepare('INSERT INTO shifts (terminal_id, cashier, started_at, ended_at) VALUES (?, ?, ?, ?)');
    const ainaId = Number(insertShift.run('T1', 'Aina', at, at + 2 * HOUR_MS).lastInsertRowid);
    const benId = Number(insertShift.run('T1', 'Ben', at + 2 * HOUR_MS + 1, null).lastInsertRowid);
    const oldAward = (cashier: string, when: number) =>
      createAward(old, { ...validateSubmitInput({ amountSen: 1000, member: { type: 'ID', memberId: NURUL }, cashier }), id: randomUUID(), terminalId: 'T1' }, `cashier:${cashier}`, when).award.id;
    const ainas = [oldAward('Aina', at + HOUR_MS), oldAward('Aina', at + 90 * MINUTE_MS)];
    const bens = [oldAward('Ben', at + 3 * HOUR_MS)];
    old.close();

    const db = openDatabase(path);
    try {
      let now = at + 4 * HOUR_MS;
      const book = new ShiftBook({ db, terminalId: 'T1', now: () => now, onChange: () => undefined });
      const sale = (cashier: string) => new Outbox(db, 'T1', () => now).submit({ amountSen: 500, member: { type: 'ID', memberId: NURUL }, cashier }, `cashier:${cashier}`).award.id;
      expect(book.current()?.id).toBe(benId);
      bens.push(sale('Ben'));
      now = at + HOUR_MS; // the clock put back, into Aina's old shift
      bens.push(sale('Ben'));
      const ainaAgain = book.start('Aina');
      now += MINUTE_MS;
      const ainaAgains = [sale('Aina')];

      const shift = (id: number) => findShift(db, id) as Shift;
      expect(shiftSeen(db, shift(ainaId), now)).toEqual({ awards: 2, waiting: 2, listed: [...ainas].sort(), csvAwards: '2' });
      expect(shiftSeen(db, shift(benId), now)).toEqual({ awards: 3, waiting: 3, listed: [...bens].sort(), csvAwards: '3' });
      expect(shiftSeen(db, ainaAgain, now)).toEqual({ awards: 1, waiting: 1, listed: ainaAgains, csvAwards: '1' });
    } finally {
      db.close();
    }
  });

  it('retention removes shifts that ended before the awards it removes', async () => {
    await openCore();
    const old = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    await call('shift.end');
    offsetMs += 40 * 24 * HOUR_MS;
    const recent = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    await unlockManager();
    await call('settings.update', { retentionDays: 30 });
    expect((await call<MethodOutput<'shift.list'>>('shift.list', { filter: {}, limit: 50 })).items.map((s) => s.id)).toEqual([recent.id]);
    expect(await rig!.dispatch('shift.summary', { id: old.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
