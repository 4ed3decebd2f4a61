// `kaunter hub restore --merge` lists the awards a put-back PC also sent or changed, with their state now: a claim QR not
// seen claimed says so in the award line's words, as it is not counted as given. Real `kaunter`, a real hub on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishSend, startAttempt } from '../../app/awards/attempts.ts';
import { findAward } from '../../app/awards/records.ts';
import { markClaimed, transition } from '../../app/awards/transitions.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { runCli } from '../fixtures/cli.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { joinedTerminal } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AT = Date.UTC(2026, 10, 20, 3);
const CLAIM_QR = 3;
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
});
afterAll(async () => rig?.close());

/** The relay sending a waiting award, and RM saying it gave it. */
function send(db: Db, id: string, at: number): void {
  const nonce = randomUUID().replace(/-/g, '');
  startAttempt(db, findAward(db, id)!, { nonce, timestamp: String(Math.floor(at / 1000)) }, at, null);
  finishSend(db, findAward(db, id)!, { nonce, outcome: 'success', errorCode: null, at: at + 1 }, 'SENDING', { to: 'AWARDED', actor: 'relay' }, at + 1);
}

describe('kaunter hub restore --merge, on claim QRs', () => {
  it('says which of the listed claim QRs were not seen claimed', async () => {
    const { db: original, dbPath, dir } = counterDb();
    const { client } = await joinedTerminal(rig, original, 'Melaka', 'till-q');
    const now = () => AT + 600_000;
    const unclaimed = award(original, 'till-q', 'QUEUED', AT, 1250, CLAIM_QR);
    const claimed = award(original, 'till-q', 'QUEUED', AT + 1_000, 1250, CLAIM_QR);
    const voidedOnCopy = award(original, 'till-q', 'QUEUED', AT + 2_000, 1250, CLAIM_QR);
    expect((await new HubPusher({ db: original, client, now }).pushPending()).status.kind).toBe('synced');
    const backup = join(dir, 'backup.db');
    original.exec(`VACUUM INTO '${backup}'`);
    for (const id of [unclaimed, claimed, voidedOnCopy]) send(original, id, AT + 3_000);
    markClaimed(original, claimed, AT + 60_000);
    expect((await new HubPusher({ db: original, client, now }).pushPending()).status.kind).toBe('synced');
    original.close();

    // The copy put back sends two of them again, and voids the third for a refund.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    copyFileSync(backup, dbPath);
    const putBack = openDatabase(dbPath);
    send(putBack, unclaimed, AT + 70_000);
    send(putBack, claimed, AT + 70_000);
    transition(putBack, voidedOnCopy, ['QUEUED'], { to: 'VOIDED', actor: 'cashier:Aisyah', reason: 'refund' }, AT + 71_000);
    putBack.close();

    const { code } = await enrolTerminal(rig.pool, 'Melaka', 'till-q', 'test', ENROL_AS_NAMED);
    const merge = await runCli(['hub', 'restore', '--merge', '--db', dbPath, '--hub', rig.hub.url, '--code', code], { KAUNTER_DATA_DIR: dir });
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toContain('2 awards settled at head office this PC also sent');
    expect(merge.stdout).toContain(`  ${unclaimed} (AWARDED, not seen claimed, so not counted as given)\n`);
    expect(merge.stdout).toContain(`  ${claimed} (AWARDED)\n`);
    expect(merge.stdout).toContain(`  ${voidedOnCopy} (this PC: VOIDED, now: AWARDED, not seen claimed, so not counted as given)\n`);
  });
});
