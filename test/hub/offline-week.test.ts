// A counter that could not reach head office for a week (50,000 awards) catches up in batches, loses nothing, doubles
// nothing, and its retention kept every award the hub had not acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeFinishedAwards } from '../../app/awards/retention.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { waitingAwards } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { busyCounter, counterDb, counts } from '../fixtures/counter-records.ts';
import { joinedTerminal } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AWARDS = 50_000;
const WEEK_MS = 7 * 86_400_000;
const START = Date.UTC(2026, 10, 2, 1);

let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
});
afterAll(async () => rig?.close());

describe('a week offline', () => {
  it('50,000 awards wait while the hub is unreachable, then catch up exactly', async () => {
    const { db } = counterDb();
    const joined = await joinedTerminal(rig, db, 'Ipoh', 'Till 1');
    busyCounter(db, AWARDS, START, WEEK_MS);

    const offline = new HubPusher({ db, client: new HubClient('http://127.0.0.1:9', joined.credential) });
    expect((await offline.pushPending()).status).toMatchObject({ kind: 'unreachable', waiting: AWARDS });
    // A week later, with one day of retention: nothing the hub lacks may go.
    expect(purgeFinishedAwards(db, 1, START + WEEK_MS + 86_400_000)).toBe(0);

    const started = performance.now();
    const pass = await joined.pusher.pushPending();
    const seconds = (performance.now() - started) / 1000;
    console.log(`caught up ${AWARDS} awards (${pass.events} events) in ${seconds.toFixed(1)} s: ${Math.round(AWARDS / seconds)} awards/s`);
    expect(pass.status.kind).toBe('synced');
    expect(pass.awards).toBeGreaterThanOrEqual(AWARDS);
    expect(waitingAwards(db)).toBe(0);

    const local = counts(db);
    const hub = await rig.pool.query<{ awards: number; events: number }>(
      'SELECT (SELECT COUNT(*) FROM awards WHERE terminal_id = $1)::bigint AS awards, (SELECT COUNT(*) FROM award_events WHERE terminal_id = $1)::bigint AS events',
      [joined.terminal.hubTerminalId],
    );
    expect(hub.rows[0]).toEqual({ awards: local.awards, events: local.events });
    const localDays = db.prepare('SELECT day, state, SUM(awards) AS awards, SUM(amount_sen) AS amount_sen FROM award_totals GROUP BY day, state HAVING SUM(awards) > 0 ORDER BY day, state').all();
    const hubDays = await rig.pool.query(
      'SELECT day, state, SUM(awards)::bigint AS awards, SUM(amount_sen)::bigint AS amount_sen FROM award_totals WHERE terminal_id = $1 GROUP BY day, state HAVING SUM(awards) > 0 ORDER BY day, state',
      [joined.terminal.hubTerminalId],
    );
    expect(hubDays.rows).toEqual(localDays);
    // Now acknowledged, a week-old finished award may go.
    expect(purgeFinishedAwards(db, 1, START + WEEK_MS + 86_400_000)).toBeGreaterThan(40_000);
  }, 240_000);
});
