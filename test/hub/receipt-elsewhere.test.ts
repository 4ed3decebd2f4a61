// A receipt taken to a second counter of the same outlet: the counter asks head office while the receipt field is
// filled in, says so at once, and refuses the submit until the cashier awards again on purpose. A submit never waits
// for head office: with the hub out of reach the sale goes through as before. The receipt's day is the shop's own, by
// head office's clock: a counter whose clock is hours off, across midnight, neither misses nor hides today's receipts.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, shopTimeOfDay, startOfShopDay } from '../../app/common/shop-time.ts';
import { earlierOnReceipt } from '../../hub/receipts.ts';
import { openPool } from '../../hub/db/pool.ts';
import { serveHub } from '../../hub/server/server.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';
import { BY_ID, BY_PHONE } from '../fixtures/award-rig.ts';
import { startHubProxy, type HubProxy } from '../fixtures/hub-proxy.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

let hub: HubRig;
const rigs: CoreRig[] = [];
const proxies: HubProxy[] = [];
beforeAll(async () => {
  hub = await startHubRig();
});
afterAll(async () => hub?.close());
afterEach(async () => {
  proxies.splice(0).forEach((proxy) => proxy.close());
  await Promise.all(rigs.splice(0).map((rig) => rig.close()));
});

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A counter in the sandbox environment, joined to head office as `terminal` at `outlet` (through `url` if given). */
async function counter(outlet: string, terminal: string, url = hub.hub.url, now?: () => number): Promise<CoreRig> {
  const rig = await makeCoreRig(now ? { now } : {});
  rigs.push(rig);
  await rig.dispatch('settings.update', { environment: 'sandbox' });
  const enrolment = await enrolTerminal(hub.pool, outlet, terminal, 'test', ENROL_AS_NAMED);
  expect(await rig.dispatch('hub.join', { url, code: enrolment.code })).toMatchObject({ ok: true });
  return rig;
}

/** An award on `receiptRef`, waited for until head office has it (no RM credentials here: it stays queued). */
async function awardedAtHub(rig: CoreRig, receiptRef: string, amountSen = 1500): Promise<string> {
  const id = randomUUID();
  expect(await rig.dispatch('award.submit', { id, amountSen, member: BY_ID, receiptRef })).toMatchObject({ ok: true });
  await until(async () => (await hub.pool.query('SELECT 1 FROM awards WHERE id = $1', [id])).rowCount === 1);
  return id;
}

const HALF_HOUR = 30 * 60_000;
/** A PC clock that runs at the real pace but reads `reads` now. */
function clockReading(reads: number): () => number {
  const offset = reads - Date.now();
  return () => Date.now() + offset;
}
/** 23:30 yesterday by the shop's calendar, while head office's clock says today. */
const behindIntoYesterday = () => clockReading(startOfShopDay(Date.now()) - HALF_HOUR);
/** 00:30 tomorrow, while head office's clock says today. */
const aheadIntoTomorrow = () => clockReading(startOfShopDay(Date.now()) + DAY_MS + HALF_HOUR);
const warned = { ok: true, value: { usedBefore: { key: 'award.receiptUsedElsewhere' } } };

describe('a receipt taken to a second counter', () => {
  it('is told at once from head office, refused at the submit, and awarded again only on purpose', async () => {
    const till1 = await counter('Kajang', 'Till 1');
    const till2 = await counter('Kajang', 'Till 2');
    const first = await awardedAtHub(till1, 'INV-7', 1500);

    // Typed in another case at the other counter: head office matches it as the counter's own check does.
    const checked = await till2.dispatch('award.checkReceipt', { receiptRef: 'inv-7' });
    expect(checked).toMatchObject({
      ok: true,
      value: {
        usedBefore: {
          key: 'award.receiptUsedElsewhere',
          params: { receipt: 'inv-7', terminal: 'Till 1', amount: '15.00' },
          message: expect.stringMatching(/^Receipt inv-7 already earned points at Till 1 today at \d\d:\d\d \(RM 15\.00\)/) as unknown,
        },
      },
    });

    // Asked again (the cashier paused twice while typing): the audit keeps the one fact that this counter was told.
    expect(await till2.dispatch('award.checkReceipt', { receiptRef: 'INV-7' })).toMatchObject({ ok: true, value: { usedBefore: { key: 'award.receiptUsedElsewhere' } } });
    const audited = await hub.pool.query<{ action: string; detail: unknown }>("SELECT action, detail FROM audit WHERE subject = $1 AND action = 'receipt.answered'", [first]);
    expect(audited.rows).toEqual([{ action: 'receipt.answered', detail: { receiptRef: 'inv-7' } }]);

    const id = randomUUID();
    const refused = await till2.dispatch('award.submit', { id, amountSen: 900, member: BY_PHONE, receiptRef: 'inv-7' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', key: 'award.receiptUsedElsewhere', field: 'receiptRef' } });
    expect(await till2.dispatch('award.get', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const again = await till2.dispatch('award.submit', { id, amountSen: 900, member: BY_PHONE, receiptRef: 'inv-7', repeatReceipt: true });
    expect(again).toMatchObject({ ok: true, value: { award: { receiptRef: 'inv-7', amountSen: 900 } } });
    const detail = await till2.dispatch('award.get', { id });
    expect(JSON.stringify(detail)).toContain('submitted on receipt inv-7, which had already earned points today: the cashier chose Award again');
  });

  it('is the counter\'s own words for its own award, and head office says nothing of another outlet, a voided award or an old one', async () => {
    const till1 = await counter('Bangi', 'Till 1');
    const till2 = await counter('Bangi', 'Till 2');
    const elsewhere = await counter('Ipoh', 'Till 1');
    await awardedAtHub(till1, 'R-100');
    expect(await till1.dispatch('award.checkReceipt', { receiptRef: 'R-100' })).toMatchObject({ ok: true, value: { usedBefore: { key: 'award.receiptUsed' } } });
    expect(await elsewhere.dispatch('award.checkReceipt', { receiptRef: 'R-100' })).toEqual({ ok: true, value: { usedBefore: null } });

    const voided = await awardedAtHub(till1, 'R-200');
    await hub.pool.query("UPDATE awards SET state = 'VOIDED' WHERE id = $1", [voided]);
    expect(await till2.dispatch('award.checkReceipt', { receiptRef: 'R-200' })).toEqual({ ok: true, value: { usedBefore: null } });
    expect(await till2.dispatch('award.submit', { id: randomUUID(), amountSen: 500, member: BY_ID, receiptRef: 'R-200' })).toMatchObject({ ok: true });

    // Asked with a day start long past (a made-up one, or a leaked credential paging back): the hub's shop day only.
    const old = await awardedAtHub(till1, 'R-300');
    await hub.pool.query('UPDATE awards SET created_at = created_at - $2 WHERE id = $1', [old, 3 * 86_400_000]);
    const terminal = await hub.pool.query<{ terminalId: string; outletId: string }>(
      `SELECT t.id AS "terminalId", t.outlet_id AS "outletId" FROM terminals t JOIN outlets o ON o.id = t.outlet_id WHERE o.name = 'Bangi' AND t.name = 'Till 2'`,
    );
    const asker = terminal.rows[0];
    if (!asker) throw new Error('no terminal');
    // Taken by the hub today but dated three days back (a counter back from days offline): not today's receipt either.
    expect(await earlierOnReceipt(hub.pool, asker, { receiptRef: 'R-300', sinceMs: 0 })).toEqual({ earlier: null });
    // Yesterday evening, an hour before the hub's shop day began, and taken by the hub then: not today's either.
    const yesterday = await awardedAtHub(till1, 'R-400');
    await hub.pool.query('UPDATE awards SET created_at = $2, first_received_at = $2 WHERE id = $1', [yesterday, startOfShopDay(Date.now()) - 3_600_000]);
    expect(await earlierOnReceipt(hub.pool, asker, { receiptRef: 'R-400', sinceMs: 0 })).toEqual({ earlier: null });
    expect(await earlierOnReceipt(hub.pool, asker, { receiptRef: 'R-100', sinceMs: 0 })).toMatchObject({ earlier: { terminal: 'Till 1' } });
  });

  it('never holds the sale up: the submit asks head office nothing, and with head office out of reach its last answer stands', async () => {
    const till1 = await counter('Semenyih', 'Till 1');
    const receiptChecks: string[] = [];
    let outOfReach = false;
    const proxy = await startHubProxy(hub.hub.url, (path) => {
      if (!path.startsWith('/api/terminal/v1/receipt')) return false;
      receiptChecks.push(path);
      return outOfReach;
    });
    proxies.push(proxy);
    const till2 = await counter('Semenyih', 'Till 2', proxy.url);
    await awardedAtHub(till1, 'S-1');
    await awardedAtHub(till1, 'S-2');

    expect(await till2.dispatch('award.checkReceipt', { receiptRef: 'S-1' })).toMatchObject({ ok: true, value: { usedBefore: { key: 'award.receiptUsedElsewhere' } } });
    // Asked again with head office out of reach: what it said before stands, and Award again is the way on.
    outOfReach = true;
    expect(await till2.dispatch('award.checkReceipt', { receiptRef: 'S-1' })).toMatchObject({ ok: true, value: { usedBefore: { key: 'award.receiptUsedElsewhere' } } });
    expect(receiptChecks).toHaveLength(2);
    const sale = { id: randomUUID(), amountSen: 500, member: BY_ID, receiptRef: 'S-1' };
    expect(await till2.dispatch('award.submit', sale)).toMatchObject({ ok: false, error: { key: 'award.receiptUsedElsewhere' } });
    expect(await till2.dispatch('award.submit', { ...sale, repeatReceipt: true })).toMatchObject({ ok: true });
    // Never checked (typed and confirmed at once): nothing was told, so nothing is refused, and nobody waits.
    expect(await till2.dispatch('award.submit', { id: randomUUID(), amountSen: 500, member: BY_ID, receiptRef: 'S-2' })).toMatchObject({ ok: true });
    expect(receiptChecks).toHaveLength(2);
  });

  it('is asked at most 30 times a minute by one counter: guessing receipt numbers is refused, other counters still asked', async () => {
    const joined = async (terminal: string) => {
      const { code } = await enrolTerminal(hub.pool, 'Rawang', terminal, 'test', ENROL_AS_NAMED);
      const response = await fetch(`${hub.hub.url}/api/terminal/v1/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      return ((await response.json()) as { credential: string }).credential;
    };
    const ask = (credential: string, receiptRef: string) =>
      fetch(`${hub.hub.url}/api/terminal/v1/receipt`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify({ receiptRef, sinceMs: startOfShopDay(Date.now()) }),
      });
    const guesser = await joined('Till 1');
    const statuses: number[] = [];
    for (let n = 1; n <= 31; n += 1) statuses.push((await ask(guesser, `G-${n}`)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    const refused = await ask(guesser, 'G-32');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'LOCKED', message: expect.stringMatching(/more than 30 receipts in a minute: wait \d+ seconds/) as unknown } });
    // Seen in the audit, once for the minute however many more it tries.
    const limited = await hub.pool.query<{ actor: string; subject: string }>("SELECT actor, subject FROM audit WHERE action = 'receipt.limited'");
    expect(limited.rows).toHaveLength(1);
    expect(limited.rows[0]?.actor).toBe(`terminal:${limited.rows[0]?.subject}`);
    expect((await ask(await joined('Till 2'), 'G-1')).status).toBe(200);
  });

  it('is counted across hub processes: two behind one address allow a guesser 30 a minute, not 30 each', async () => {
    // A second hub process on the same database: its own pool and its own limits, as a second machine would have.
    const pool = openPool(hub.databaseUrl);
    const second = await serveHub({ pool, host: '127.0.0.1', port: 0, log: () => {} });
    try {
      const { code } = await enrolTerminal(hub.pool, 'Kajang', 'Till 1', 'test', ENROL_AS_NAMED);
      const joined = await fetch(`${hub.hub.url}/api/terminal/v1/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      const { credential } = (await joined.json()) as { credential: string };
      const askAt = (url: string, receiptRef: string) =>
        fetch(`${url}/api/terminal/v1/receipt`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
          body: JSON.stringify({ receiptRef, sinceMs: startOfShopDay(Date.now()) }),
        });
      const statuses: number[] = [];
      for (let n = 1; n <= 30; n += 1) statuses.push((await askAt(n % 2 === 0 ? hub.hub.url : second.url, `K-${n}`)).status);
      expect(statuses).toEqual(Array(30).fill(200));
      for (const url of [hub.hub.url, second.url]) expect((await askAt(url, 'K-31')).status).toBe(429);
    } finally {
      await second.close();
      await pool.end();
    }
  });

  it('is today\'s by head office\'s clock: a counter ahead into tomorrow is warned of it, and of one awarded there', async () => {
    const right = await counter('Seremban', 'Till 1');
    const ahead = await counter('Seremban', 'Till 2', hub.hub.url, aheadIntoTomorrow());
    await awardedAtHub(right, 'A-1');
    expect(await ahead.dispatch('award.checkReceipt', { receiptRef: 'A-1' })).toMatchObject(warned);
    await awardedAtHub(ahead, 'A-2');
    expect(await right.dispatch('award.checkReceipt', { receiptRef: 'A-2' })).toMatchObject(warned);
  });

  it('is today\'s by head office\'s clock: one awarded at a counter behind in yesterday is told of, and it is warned too', async () => {
    const behind = await counter('Nilai', 'Till 1', hub.hub.url, behindIntoYesterday());
    const right = await counter('Nilai', 'Till 2');
    const ahead = await counter('Nilai', 'Till 3', hub.hub.url, aheadIntoTomorrow());
    const behindSale = await awardedAtHub(behind, 'B-1');
    // Told when the hub had it, not the 23:30 its counter's clock said.
    const received = await hub.pool.query<{ at: number }>('SELECT first_received_at AS at FROM awards WHERE id = $1', [behindSale]);
    const time = shopTimeOfDay(received.rows[0]?.at ?? 0);
    expect(await right.dispatch('award.checkReceipt', { receiptRef: 'B-1' })).toMatchObject({ ok: true, value: { usedBefore: { key: 'award.receiptUsedElsewhere', params: { time } } } });
    expect(await ahead.dispatch('award.checkReceipt', { receiptRef: 'B-1' })).toMatchObject(warned);
    await awardedAtHub(right, 'B-2');
    expect(await behind.dispatch('award.checkReceipt', { receiptRef: 'B-2' })).toMatchObject(warned);
  });
});
