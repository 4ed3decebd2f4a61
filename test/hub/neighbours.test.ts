// Chain-wide reconciliation: a credit in the member's RM history that another counter's award explains is not taken as
// proof that this counter's UNKNOWN award was applied.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AwardDesk } from '../../app/awards/award-desk.ts';
import { httpProbe } from '../../app/awards/connectivity.ts';
import { gatherEvidence } from '../../app/awards/reconcile.ts';
import { openDatabase } from '../../app/store/database.ts';
import { hubNeighbours } from '../../app/sync/chain-neighbours.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { linkOf, linkToHub, type HubLink } from '../../app/sync/outgoing.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { BY_ID, makeRig, sale, type Rig } from '../fixtures/award-rig.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

let hub: HubRig;
let rig: Rig;
beforeAll(async () => {
  hub = await startHubRig();
});
afterAll(async () => hub?.close());
afterEach(async () => rig?.close());

async function enrol(outlet: string, terminal: string): Promise<{ client: HubClient; link: HubLink }> {
  const enrolment = await enrolTerminal(hub.pool, outlet, terminal, 'test');
  const answer = await new HubClient(hub.hub.url, null).join(enrolment.code);
  if (answer.kind !== 'ok') throw new Error(answer.message);
  return { client: new HubClient(hub.hub.url, answer.value.credential), link: linkOf(hub.hub.url, answer.value, 0) };
}

describe('chain-wide neighbours', () => {
  it('another counter crediting the same member at the same time is not evidence for this award', async () => {
    rig = await makeRig();
    rig.desk.startRelay();
    // Counter B (another outlet) awards the member 12.34 successfully and pushes it to the hub.
    const otherDb = openDatabase(join(rig.dir, 'other.db'));
    const other = new AwardDesk({ db: otherDb, dbPath: join(rig.dir, 'other.db'), terminalId: 'B1', loyalty: rig.rm.loyalty, probe: httpProbe(rig.sandbox.url), idleCheckMs: 50 });
    other.startRelay();
    const { client: otherClient, link } = await enrol('Penang', 'Till 1');
    linkToHub(otherDb, link);
    const credited = await other.submit(sale(1234, BY_ID, { id: randomUUID(), pointsPreview: 12 }), 'cashier:Mei', 5_000);
    expect(credited.award.state).toBe('AWARDED');
    expect((await new HubPusher({ db: otherDb, client: otherClient }).pushPending()).status.kind).toBe('synced');

    // Counter A's award of the same size to the same member was never applied, but its outcome is unknown.
    const { client } = await enrol('Johor', 'Till 1');
    rig.sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
    const unknown = await rig.desk.submit(sale(1234, BY_ID, { pointsPreview: 12 }), 'cashier:Aina', 5_000);
    expect(unknown.award.state).toBe('UNKNOWN');
    const later = Date.now() + 3 * 60_000;

    // Alone, A sees one matching credit and nothing that explains it: it would suggest "credited".
    const alone = await gatherEvidence(rig.db, unknown.award.id, rig.rm.loyalty, later);
    expect(alone.suggestion).toBe('credited');
    // With the chain, B's award explains that credit.
    const chained = await gatherEvidence(rig.db, unknown.award.id, rig.rm.loyalty, later, hubNeighbours(client));
    expect(chained.neighbours).toMatchObject([{ id: credited.award.id, state: 'AWARDED', pointsPreview: 12 }]);
    expect(chained.suggestion).toBe('resend');
    await other.close();
    otherDb.close();
  });

  it('an unreachable hub leaves the counter\'s own evidence as it was', async () => {
    rig = await makeRig();
    rig.desk.startRelay();
    rig.sandbox.setFault({ mode: 'http-5xx', status: 500, path: '/v3/loyalty/spending-reward', count: 1 });
    const unknown = await rig.desk.submit(sale(999, BY_ID, { pointsPreview: 9 }), 'cashier:Aina', 5_000);
    const evidence = await gatherEvidence(rig.db, unknown.award.id, rig.rm.loyalty, Date.now() + 3 * 60_000, hubNeighbours(new HubClient('http://127.0.0.1:9', 'kht1.x')));
    expect(evidence).toMatchObject({ neighbours: [], suggestion: 'resend' });
  });
});
