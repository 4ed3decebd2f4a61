// A manager decides on an award while its counter's push is being applied: the push holds its terminal's row and waits
// for the award's, the decision holds the award's and writes a row that names the terminal. Neither may wait on the other
// (PostgreSQL would end one with a deadlock, 40P01, and the manager would be told to try again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveUnknown } from '../../app/awards/reconcile.ts';
import { readBatch } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { decide } from '../../hub/decisions.ts';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { applyBatch } from '../../hub/ingest.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedTerminal } from '../fixtures/hub-join.ts';
import { holdAfter } from '../fixtures/held-statement.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AT = Date.UTC(2026, 10, 20, 3);
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
});
afterAll(async () => rig?.close());

async function waitingOnALock(pid: number): Promise<void> {
  for (let tries = 0; tries < 200; tries += 1) {
    const row = await rig.pool.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [pid]);
    if (row.rowCount === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Connection ${pid} never waited on a lock.`);
}

function outcome(work: Promise<unknown>): Promise<string> {
  return work.then(
    () => 'done',
    (error: unknown) => `failed: ${(error as { code?: string }).code ?? ''} ${String(error)}`,
  );
}

describe('a decision during its counter\'s push', () => {
  it('both finish: the decision does not wait on the terminal row the push holds', async () => {
    const { db } = counterDb();
    const joined = await joinedTerminal(rig, db, 'Melaka', 'Till 1');
    const id = award(db, 'till', 'UNKNOWN', AT);
    expect((await new HubPusher({ db, client: joined.client, now: () => AT + 60_000 }).pushPending()).status.kind).toBe('synced');
    // The counter's own manager settles it meanwhile: the next push moves the hub's award forward, so it writes that row.
    resolveUnknown(db, id, 'void', 'Lim', 'customer left', AT + 120_000);
    const batch = readBatch(db);
    if (!batch) throw new Error('The counter has nothing to push.');
    const terminalId = joined.terminal.hubTerminalId;
    const who = { terminalId, outletId: (await rig.pool.query<{ outlet_id: string }>('SELECT outlet_id FROM terminals WHERE id = $1', [terminalId])).rows[0]!.outlet_id };

    // The push locks its terminal and stops; the decision locks the award and stops; the push goes on to the award
    // and waits for it; then the decision goes on.
    const push = holdAfter(rig.pool, /FROM terminals WHERE id = \$1 FOR/);
    const decision = holdAfter(rig.pool, /FROM awards WHERE id = \$1 FOR UPDATE/);
    const pushed = outcome(applyBatch(push.pool, who, batch));
    await push.reached;
    const decided = outcome(decide(decision.pool, 'Boss', ALL_OUTLETS, id, 'resend', 'RM shows no credit'));
    await decision.reached;
    push.letGo();
    await waitingOnALock(await push.reached);
    decision.letGo();

    expect({ push: await pushed, decision: await decided }).toEqual({ push: 'done', decision: 'done' });
    const hub = await rig.pool.query<{ state: string; decisions: number }>(
      'SELECT state, (SELECT COUNT(*)::int FROM decisions WHERE award_id = $1) AS decisions FROM awards WHERE id = $1',
      [id],
    );
    expect(hub.rows[0]).toEqual({ state: 'VOIDED', decisions: 1 });
  });
});
