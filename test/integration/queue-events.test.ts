// queue.changed carries the whole queue status, so the screens need only the latest: the core sends one per turn of its
// event loop, however many steps were taken in that turn. A drain settles one award and claims the next in the same
// turn, and sent five queue.changed per award before (50,000 for a 10,000-award backlog, each one a count of the queue).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { resolveUnknown } from '../../app/awards/reconcile.ts';
import type { QueueStatus } from '../../app/contract.ts';
import { databasePath } from '../../app/paths.ts';
import { openDatabase } from '../../app/store/database.ts';
import { BY_PHONE } from '../fixtures/award-rig.ts';
import { award } from '../fixtures/counter-records.ts';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';
import { until } from '../fixtures/until.ts';

const BACKLOG = 20;
let rig: CoreRig | null = null;
let dataDir = '';
afterEach(async () => {
  await rig?.close();
  rig = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('queue.changed', () => {
  it('comes once per turn while a backlog drains, fewer than the awards\' own steps, and the last one says the queue is empty', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaunter-queue-events-'));
    const db = openDatabase(databasePath(dataDir, 'training'));
    const outbox = new Outbox(db, 'T1');
    db.transaction(() => {
      for (let i = 0; i < BACKLOG; i += 1) outbox.submit({ amountSen: 100 + i, member: BY_PHONE, cashier: 'Aina', pointsPreview: 1 }, 'cashier:Aina');
    })();
    db.close();
    rig = await makeCoreRig({}, dataDir);
    // By id: an awarded award is told again when RM confirms its points.
    const awarded = (): number => new Set(rig?.events.filter((e) => e.event === 'award.updated' && (e.payload as { state: string }).state === 'AWARDED').map((e) => (e.payload as { id: string }).id)).size;
    await until(() => awarded() === BACKLOG, 'the backlog to be awarded', 50_000);
    await until(() => {
      const last = rig?.events.filter((e) => e.event === 'queue.changed').at(-1)?.payload as QueueStatus | undefined;
      return last?.queued === 0 && last.sending === 0;
    }, 'a queue.changed that says the queue is empty');
    const queueChanges = rig.events.filter((e) => e.event === 'queue.changed').length;
    const awardSteps = rig.events.filter((e) => e.event === 'award.updated').length;
    expect(awardSteps).toBeGreaterThanOrEqual(2 * BACKLOG);
    expect(queueChanges).toBeLessThan(awardSteps);
  }, 60_000);

  it('follows another process on the same file: an award made UNKNOWN, then settled by `kaunter resolve`, is counted', async () => {
    rig = await makeCoreRig();
    dataDir = rig.dataDir;
    const unknownTold = (count: number) => () => (rig?.events.filter((e) => e.event === 'queue.changed').at(-1)?.payload as QueueStatus | undefined)?.unknown === count;
    await until(unknownTold(0), 'the first count');
    // The CLI's own connection, as `kaunter resolve` opens it.
    const cli = openDatabase(databasePath(rig.dataDir, 'training'));
    try {
      const id = award(cli, 'T1', 'UNKNOWN', Date.now());
      await until(unknownTold(1), 'a queue.changed that counts the UNKNOWN award', 5_000);
      resolveUnknown(cli, id, 'void', 'Siti', 'customer left', Date.now());
      await until(unknownTold(0), 'a queue.changed after the CLI settled it', 5_000);
    } finally {
      cli.close();
    }
  }, 30_000);
});
