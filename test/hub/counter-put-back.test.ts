// A counter PC put back from a backup copy of its database (or a second PC using its link) has less of its own trail
// than the hub acknowledged. Taking the hub's position made the counter skip its own later events for good, the hub
// kept the first event of each number, and both said "synced" (helper-59). Now sending stops and says why.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../app/store/database.ts';
import { hubLink, newestEventId, rewindTo } from '../../app/store/hub-sync.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { findAward } from '../../app/awards/records.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedTerminal } from '../fixtures/hub-join.ts';
import { startHubProxy } from '../fixtures/hub-proxy.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AT = Date.UTC(2026, 10, 20, 3);
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
});
afterAll(async () => rig?.close());

describe('a counter whose own larger push the hub took while its answer was lost', () => {
  it('takes a position past the batch it sent, within what it wrote, and stays synced', async () => {
    const { db } = counterDb();
    const { client } = await joinedTerminal(rig, db, 'Melaka', 'till-2');
    const now = () => AT + 60_000;
    for (let sale = 0; sale < 4; sale += 1) award(db, 'till-2', 'AWARDED', AT + sale * 1_000);
    // `kaunter sync` pushed everything in one batch; its answer never came back, so the position stayed at 0.
    expect((await new HubPusher({ db, client, now }).pushPending()).status.kind).toBe('synced');
    const hubHas = hubLink(db)!.ackedEventId;
    rewindTo(db, 0);
    // The app's pusher sends smaller batches from 0 again: the hub's answer is past each one.
    expect((await new HubPusher({ db, client, now, batchEvents: 2 }).pushPending()).status.kind).toBe('synced');
    expect(hubLink(db)!.ackedEventId).toBe(hubHas);
    db.close();
  });
});

describe('a counter put back from a backup copy', () => {
  it('stops sending to the hub, saying why, rather than take a position beyond its own trail', async () => {
    const { db, dir } = counterDb();
    const { client } = await joinedTerminal(rig, db, 'Melaka', 'till-1');
    const now = () => AT + 60_000;
    const copy = (name: string) => {
      const path = join(dir, name);
      db.exec(`VACUUM INTO '${path}'`);
      return path;
    };
    award(db, 'till-1', 'AWARDED', AT);
    expect((await new HubPusher({ db, client, now }).pushPending()).status.kind).toBe('synced');
    const allSent = copy('all-sent.db');
    award(db, 'till-1', 'QUEUED', AT + 1_000);
    const oneUnsent = copy('one-unsent.db');
    award(db, 'till-1', 'AWARDED', AT + 2_000);
    expect((await new HubPusher({ db, client, now }).pushPending()).status.kind).toBe('synced');
    const hubHas = hubLink(db)!.ackedEventId;
    db.close();

    const outOfStep: Record<string, unknown> = { kind: 'refused', code: 'OUT_OF_STEP', message: expect.stringContaining(`up to entry ${hubHas}`) as unknown };
    for (const backup of [allSent, oneUnsent]) {
      const putBack = openDatabase(backup);
      const ownPosition = hubLink(putBack)!.ackedEventId;
      expect(ownPosition).toBeLessThan(hubHas);
      // With nothing to send the check-in finds the hub ahead; with its own unsent event (the same one the hub
      // holds) the hub's answer to the push does, and it is not taken as this counter's position.
      expect((await new HubPusher({ db: putBack, client, now }).pushPending()).status, backup).toMatchObject(outOfStep);
      expect(hubLink(putBack)!.ackedEventId, backup).toBe(ownPosition);
      putBack.close();
    }
  });

  it('holds the awards the copy still had waiting for a manager, once: the sales after it are sent as usual', async () => {
    const { db, dir } = counterDb();
    const { client } = await joinedTerminal(rig, db, 'Melaka', 'till-4');
    const now = () => AT + 60_000;
    award(db, 'till-4', 'AWARDED', AT);
    const waitingInCopy = award(db, 'till-4', 'QUEUED', AT + 1_000);
    const backup = join(dir, 'backup.db');
    db.exec(`VACUUM INTO '${backup}'`);
    // The PC it replaced sent that award later (or may have), and pushed that it did.
    award(db, 'till-4', 'AWARDED', AT + 2_000);
    expect((await new HubPusher({ db, client, now }).pushPending()).status.kind).toBe('synced');
    db.close();

    const putBack = openDatabase(backup);
    expect((await new HubPusher({ db: putBack, client, now }).pushPending()).status).toMatchObject({ code: 'OUT_OF_STEP' });
    expect(findAward(putBack, waitingInCopy)).toMatchObject({ state: 'UNKNOWN', lastError: { code: 'PUT_BACK' } });
    const afterwards = award(putBack, 'till-4', 'QUEUED', AT + 70_000);
    expect((await new HubPusher({ db: putBack, client, now }).pushPending()).status).toMatchObject({ kind: 'refused' });
    expect(findAward(putBack, afterwards)?.state).toBe('QUEUED');
    putBack.close();
  });

  it('is told the same once it has sold past the hub\'s position, and not to restore, which refuses a database with awards', async () => {
    const { db, dir } = counterDb();
    const { client, credential } = await joinedTerminal(rig, db, 'Melaka', 'till-3');
    const now = () => AT + 60_000;
    award(db, 'till-3', 'AWARDED', AT);
    expect((await new HubPusher({ db, client, now }).pushPending()).status.kind).toBe('synced');
    const backup = join(dir, 'backup.db');
    db.exec(`VACUUM INTO '${backup}'`);
    award(db, 'till-3', 'AWARDED', AT + 1_000);
    expect((await new HubPusher({ db, client, now }).pushPending()).status.kind).toBe('synced');
    const hubHas = hubLink(db)!.ackedEventId;
    db.close();

    const putBack = openDatabase(backup);
    for (let sale = 0; sale < 4; sale += 1) award(putBack, 'till-3', 'QUEUED', AT + 5_000 + sale);
    // Sold past the hub's position before it could ask: those sales are held with the copy's, as they cannot be told apart.
    expect(newestEventId(putBack)).toBeGreaterThan(hubHas);
    const { status } = await new HubPusher({ db: putBack, client, now }).pushPending();
    expect(status).toMatchObject({ kind: 'refused', code: 'CONFLICT', message: expect.stringContaining('put back from a backup copy') as unknown });
    expect(status).not.toMatchObject({ message: expect.stringContaining('must restore its history') as unknown });
    expect(putBack.prepare("SELECT COUNT(*) AS n FROM awards WHERE state = 'UNKNOWN' AND last_error_code = 'PUT_BACK'").get()).toEqual({ n: 4 });
    // The hub names both ways back, the app's Settings and the command line, and the counter adds nothing to them.
    const said = status.kind === 'refused' ? status.message : '';
    expect(said.split('Settings > Head office')).toHaveLength(2);
    expect(said).toContain('kaunter hub restore --merge');
    // A hub from before the in-app merge names the command line only: the counter adds its Settings.
    const olderHub = await startHubProxy(rig.hub.url, () => false, 0, (json) => withOlderConflictWords(json));
    try {
      const { status: older } = await new HubPusher({ db: putBack, client: new HubClient(olderHub.url, credential), now }).pushPending();
      expect(older).toMatchObject({ kind: 'refused', code: 'CONFLICT', message: expect.stringMatching(/^Older hub: put back\. A counter joined in Kaunter's Settings is brought back in step there by a manager \(Settings > Head office\), with no new code\.$/) as unknown });
    } finally {
      olderHub.close();
    }
    putBack.close();
  });
});

/** The hub's CONFLICT answer in an older hub's words, which knew only the command line's way back. */
function withOlderConflictWords(json: unknown): unknown {
  const answer = json as { error?: { code?: string; message?: string } };
  if (answer.error?.code !== 'CONFLICT') return json;
  return { error: { ...answer.error, message: 'Older hub: put back.' } };
}
