// Every filter the counter's history has gives the same awards at the hub as at the counter that made them: the
// counter's own query is the reference, the hub's is asked over HTTP as head office.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyPage, totalsByCashier } from '../../app/awards/history.ts';
import { markClaimed } from '../../app/awards/transitions.ts';
import type { HistoryFilter } from '../../app/awards/history-filter.ts';
import type { Db } from '../../app/store/database.ts';
import { ALL_OUTLETS, type HubFilter } from '../../hub/history.ts';
import { hubTotals, TOTAL_GROUPS } from '../../hub/totals.ts';
import { DAY_MS, SHOP_OFFSET_MS } from '../../app/common/shop-time.ts';
import { addUser } from '../../hub/users.ts';
import { award, busyCounter, counterDb } from '../fixtures/counter-records.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const START = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;
let rig: HubRig;
let db: Db;
let cookie: string;
/** `award()` writes its time as the receipt number. */
const RECEIPT = `R${START + 30 * HOUR}`;
/** `award()`'s member by index: its fourth is a claim QR. */
const QR = 3;

beforeAll(async () => {
  rig = await startHubRig();
  db = counterDb().db;
  const pusher = await joinedPusher(rig, db, 'Kepong', 'Till 1');
  busyCounter(db, 400, START, 48 * HOUR);
  award(db, 'till', 'AWARDED', START + 30 * HOUR);
  award(db, 'till', 'UNKNOWN', START + 31 * HOUR);
  // Claim QRs: one nobody was seen to claim (not given, counted apart), one claimed (given), one refused (not given).
  award(db, 'till', 'AWARDED', START + 32 * HOUR, 4590, QR);
  markClaimed(db, award(db, 'till', 'AWARDED', START + 33 * HOUR, 2000, QR), START + 33 * HOUR + 60_000);
  award(db, 'till', 'REJECTED', START + 34 * HOUR, 990, QR);
  expect((await pusher.pushPending()).status.kind).toBe('synced');
  await addUser(rig.pool, { name: 'Boss', role: 'head-office', password: 'correct horse battery' }, 'test');
  const login = await fetch(`${rig.hub.url}/api/hub/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Boss', password: 'correct horse battery' }) });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}, 120_000);
afterAll(async () => {
  db?.close();
  await rig?.close();
});

async function atHub(filter: HubFilter): Promise<{ ids: string[]; total: number }> {
  const response = await fetch(`${rig.hub.url}/api/hub/v1/history?limit=500&filter=${encodeURIComponent(JSON.stringify(filter))}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const page = (await response.json()) as { items: Array<{ id: string }>; total: number; nextCursor: string | null };
  expect(page.nextCursor).toBeNull();
  return { ids: page.items.map((item) => item.id), total: page.total };
}

describe('the counter\'s history filters at the hub', () => {
  const FILTERS: Array<[string, HistoryFilter]> = [
    ['date range', { fromMs: START + 6 * HOUR, toMs: START + 18 * HOUR }],
    ['state', { states: ['UNKNOWN', 'REJECTED'] }],
    ['cashier', { cashier: 'Cashier 2' }],
    ['member ID', { member: 'M-10' }],
    ['phone tail', { member: '001' }],
    ['receipt', { receipt: RECEIPT }],
    ['receipt typed in another case', { receipt: RECEIPT.toLowerCase() }],
    ['all of them at once', { fromMs: START, toMs: START + 24 * HOUR, states: ['AWARDED'], cashier: 'Cashier 0', member: 'M-4' }],
  ];
  for (const [name, filter] of FILTERS) {
    it(`${name}: the same awards as at the counter`, async () => {
      const counter = historyPage(db, filter, null, 500).items.map((item) => item.id);
      const hub = await atHub(filter);
      expect(counter.length, 'a filter that selects something').toBeGreaterThan(0);
      expect(counter.length, 'and not everything').toBeLessThan(402);
      expect(hub.total).toBe(counter.length);
      expect([...hub.ids].sort()).toEqual([...counter].sort());
    });
  }
});

describe('the hub\'s totals', () => {
  // Whole shop days are read from the per-day summary; a range cut a millisecond inside them (no award is that close
  // to midnight) counts the awards themselves. Both must give the same figures for every grouping.
  const firstDay = START - ((START + SHOP_OFFSET_MS) % DAY_MS);
  const wholeDays = { fromMs: firstDay, toMs: firstDay + 3 * DAY_MS };
  const cutDays = { fromMs: firstDay + 1, toMs: firstDay + 3 * DAY_MS - 1 };
  for (const group of TOTAL_GROUPS) {
    it(`by ${group}: the summary and the awards agree, and count every award`, async () => {
      const summary = await hubTotals(rig.pool, wholeDays, ALL_OUTLETS, group);
      const counted = await hubTotals(rig.pool, cutDays, ALL_OUTLETS, group);
      expect(summary.length).toBeGreaterThan(0);
      expect(summary).toEqual(counted);
      expect(summary.reduce((sum, row) => sum + Number(row.awards), 0)).toBe(405);
    });
  }

  it('an outlet and a terminal typed in another case are the ones the hub has, in the history and in the totals', async () => {
    const typed = { outlet: 'kepong', terminal: 'TILL 1' };
    expect((await atHub(typed)).total).toBe(405);
    expect((await atHub({ outlet: 'Kepang' })).total).toBe(0);
    for (const filter of [wholeDays, cutDays]) {
      expect(await hubTotals(rig.pool, { ...filter, ...typed }, ALL_OUTLETS, 'day')).toEqual(await hubTotals(rig.pool, filter, ALL_OUTLETS, 'day'));
    }
  });

  it("by cashier: the counter's own figures for the same awards, claim QRs not seen claimed apart from those given", async () => {
    const atCounter = totalsByCashier(db, wholeDays);
    for (const filter of [wholeDays, cutDays]) {
      const rows = await hubTotals(rig.pool, filter, ALL_OUTLETS, 'cashier');
      expect(rows.map(({ key, ...figures }) => ({ cashier: key, ...figures }))).toEqual(atCounter);
    }
    expect(atCounter.find((row) => row.cashier === 'Aisyah')).toMatchObject({ unclaimedQrs: 1, unclaimedQrAmountSen: 4590, unclaimedQrPoints: 45 });
  });
});
