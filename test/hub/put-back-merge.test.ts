// A counter PC put back from a backup copy of its database is refused by the hub for good (it holds less of its trail
// than the hub). `kaunter hub restore --merge` is the way back: the hub's history into a new database, the sales made on
// the put-back PC carried over into it, the copy kept beside. Real `kaunter` processes, a real hub on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishSend, startAttempt } from '../../app/awards/attempts.ts';
import { transition } from '../../app/awards/transitions.ts';
import { say } from '../../app/messages.ts';
import { attemptsOf, eventsOf, findAward } from '../../app/awards/records.ts';
import { RelayLock } from '../../app/awards/relay-lock.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { decisionRecord, hubLink, recordDecision } from '../../app/store/hub-sync.ts';
import { ShiftBook } from '../../app/shifts/shifts.ts';
import { credentialPathFor, readCredentialFile } from '../../app/sync/credential-file.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import { HubPusher } from '../../app/sync/pusher.ts';
import { runCli } from '../fixtures/cli.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedTerminal } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AT = Date.UTC(2026, 10, 20, 3);
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
});
afterAll(async () => rig?.close());

/** The copy's relay sending an award the hub has heard of, before the hub's answer stopped it: a nonce only the copy has. */
function sendOnCopy(db: Db, id: string, at: number): string {
  const nonce = randomUUID().replace(/-/g, '');
  startAttempt(db, findAward(db, id)!, { nonce, timestamp: String(Math.floor(at / 1000)) }, at, null);
  finishSend(db, findAward(db, id)!, { nonce, outcome: 'success', errorCode: null, at: at + 1 }, 'SENDING', { to: 'AWARDED', actor: 'relay' }, at + 1);
  return nonce;
}

const ids = (db: Db) => (db.prepare('SELECT id FROM awards ORDER BY id').all() as Array<{ id: string }>).map((row) => row.id);
const mergeFiles = (dir: string) => readdirSync(dir).filter((name) => name.includes('.before-merge-') || name.includes('.merging'));

describe('kaunter hub restore --merge', () => {
  it('brings a put-back counter back in step: the hub\'s history, the sales made since, and every attempt the copy signed', async () => {
    const { db: original, dbPath, dir } = counterDb();
    const joined = await joinedTerminal(rig, original, 'Melaka', 'till-7');
    const { client, terminal } = joined;
    const now = () => AT + 600_000;
    const env = { KAUNTER_DATA_DIR: dir };

    // The counter sells and pushes, in its cashier's shift; a backup copy is taken with three awards still waiting.
    const firstShift = new ShiftBook({ db: original, terminalId: 'till-7', now: () => AT - 1, onChange: () => {} }).start('Aisyah');
    award(original, 'till-7', 'AWARDED', AT);
    const sentByBoth = award(original, 'till-7', 'QUEUED', AT + 1_000);
    const sentByCopyOnly = award(original, 'till-7', 'QUEUED', AT + 2_000);
    const cutOffOnCopy = award(original, 'till-7', 'QUEUED', AT + 2_500);
    const voidedOnCopy = award(original, 'till-7', 'QUEUED', AT + 2_700);
    expect((await new HubPusher({ db: original, client, now }).pushPending()).status.kind).toBe('synced');
    const backup = join(dir, 'backup.db');
    original.exec(`VACUUM INTO '${backup}'`);
    // The original sends one of them, sells more, and pushes.
    sendOnCopy(original, sentByBoth, AT + 3_000);
    award(original, 'till-7', 'AWARDED', AT + 4_000);
    award(original, 'till-7', 'REJECTED', AT + 5_000);
    expect((await new HubPusher({ db: original, client, now }).pushPending()).status.kind).toBe('synced');
    original.close();

    // The copy is put back. Its relay sends both waiting awards before the hub's answer stops it (a whole-disk image:
    // the keychain's mark came back with it); the hub refuses it; it sells two more, one still waiting.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    copyFileSync(backup, dbPath);
    const putBack = openDatabase(dbPath);
    // A refund on the put-back PC voids one the hub still has waiting.
    transition(putBack, voidedOnCopy, ['QUEUED'], { to: 'VOIDED', actor: 'cashier:Aisyah', reason: 'refund' }, AT + 69_000);
    const copyNonceOfShared = sendOnCopy(putBack, sentByBoth, AT + 70_000);
    const copyNonceOfUnsent = sendOnCopy(putBack, sentByCopyOnly, AT + 71_000);
    // And was switched off in the middle of sending a third: its request may have reached RM.
    startAttempt(putBack, findAward(putBack, cutOffOnCopy)!, { nonce: 'cut-off-on-copy', timestamp: String(AT / 1000) }, AT + 72_000, null);
    const refused = (await new HubPusher({ db: putBack, client, now }).pushPending()).status;
    expect(refused).toMatchObject({ kind: 'refused' });
    expect(['OUT_OF_STEP', 'CONFLICT']).toContain((refused as { code: string }).code);
    // Kept only on this PC: its cashier's shift, and a head-office decision it carried out (never to be carried out twice).
    const shift = new ShiftBook({ db: putBack, terminalId: 'till-7', now: () => AT + 79_000, onChange: () => {} }).start('Aisyah');
    const decisionId = randomUUID();
    recordDecision(putBack, decisionId, { outcome: 'carried-out', message: 'sent again' }, AT + 79_500);
    const localAwarded = award(putBack, 'till-7', 'AWARDED', AT + 80_000);
    const localQueued = award(putBack, 'till-7', 'QUEUED', AT + 81_000);
    expect((await new HubPusher({ db: putBack, client, now }).pushPending()).status).toMatchObject({ kind: 'refused' });
    const copyAwards = ids(putBack);
    putBack.close();
    const copyBytes = readFileSync(dbPath);

    // Joined in the app, whose credential is in the keychain: the command line asks for a new code from head office.
    const withoutCode = await runCli(['hub', 'restore', '--merge', '--db', dbPath], env);
    expect(withoutCode.code).not.toBe(0);
    expect(withoutCode.stderr).toContain('Ask head office for a new code for this terminal (`kaunter hub enrol`), then run `kaunter hub restore --merge --hub URL --code CODE`');
    const otherTerminal = await enrolTerminal(rig.pool, 'Melaka', 'till-8', 'test', ENROL_AS_NAMED);
    // A database that never joined: the code is not spent on it.
    const neverJoined = join(dir, 'never-joined.db');
    openDatabase(neverJoined).close();
    const notJoined = await runCli(['hub', 'restore', '--merge', '--db', neverJoined, '--hub', rig.hub.url, '--code', otherTerminal.code], env);
    expect(notJoined.stderr).toContain('This database has not joined a hub, so there is no record at head office to merge it with. Nothing was changed, and the code is still good.');
    const wrongCode = await runCli(['hub', 'restore', '--merge', '--db', dbPath, '--hub', rig.hub.url, '--code', otherTerminal.code], env);
    expect(wrongCode.stderr).toContain('This code was for terminal "till-8" at Melaka, but this database is terminal "till-7" at Melaka');
    expect(existsSync(credentialPathFor(dbPath))).toBe(false);

    // Refused while Kaunter (or `kaunter drain`) runs on the database: nothing changed, but the code's credential is kept.
    const { code } = await enrolTerminal(rig.pool, 'Melaka', 'till-7', 'test', ENROL_AS_NAMED);
    const appRunning = RelayLock.tryAcquire(dbPath)!;
    const whileRunning = await runCli(['hub', 'restore', '--merge', '--db', dbPath, '--hub', rig.hub.url, '--code', code], env);
    appRunning.release();
    expect(whileRunning.code).not.toBe(0);
    expect(whileRunning.stdout).toContain(`the new head-office credential is saved to ${credentialPathFor(dbPath)}`);
    expect(whileRunning.stderr).toContain('Kaunter is running on this database (the desktop app, or `kaunter drain`): close it first');
    expect(readFileSync(dbPath).equals(copyBytes)).toBe(true);
    expect(mergeFiles(dir)).toEqual([]);

    // A hub that cannot be reached: the copy is as it was, still in use, and nothing is left beside it.
    const unreachable = await runCli(['hub', 'restore', '--merge', '--db', dbPath, '--hub', 'http://127.0.0.1:9'], env);
    expect(unreachable.code).not.toBe(0);
    expect(readFileSync(dbPath).equals(copyBytes)).toBe(true);
    expect(mergeFiles(dir)).toEqual([]);

    // A merge cut short (a power cut) left its unfinished database behind: the next one starts afresh.
    writeFileSync(`${dbPath}.merging`, 'half a database');
    const merge = await runCli(['hub', 'restore', '--merge', '--db', dbPath], env);
    expect(merge.code, merge.stderr).toBe(0);

    const hubAwards = await rig.pool.query<{ id: string }>('SELECT id::text AS id FROM awards WHERE terminal_id = $1 ORDER BY id', [terminal.hubTerminalId]);
    const hubIds = hubAwards.rows.map((row) => row.id);
    expect(merge.stdout).toContain(`restored ${hubIds.length} awards of terminal "till-7" at "Melaka" from head office`);
    expect(merge.stdout).toContain('carried over 2 awards made on this PC since it was put back (1 waiting to be sent: they go to RM as usual)');
    expect(merge.stdout).toContain('3 awards held for a manager (UNKNOWN)');
    expect(merge.stdout).toContain(`1 award voided or settled on this PC that head office never heard of (head office's state stands)`);
    expect(merge.stdout).toContain(`  ${voidedOnCopy} (this PC: VOIDED, now: UNKNOWN)`);
    expect(merge.stdout).toContain(`settled at head office this PC also sent (its attempts are kept)`);
    expect(merge.stdout).toContain(`  ${sentByBoth} (AWARDED)`);
    const kept = /kept as (\S+)/.exec(merge.stdout)?.[1] ?? '';
    expect(kept).toMatch(/awards\.db\.before-merge-\d{8}T\d{9}Z$/);
    expect(mergeFiles(dir)).toEqual([kept.slice(dir.length + 1)]);
    // The copy is kept as it was, byte for byte.
    expect(readFileSync(kept).equals(copyBytes)).toBe(true);

    const merged = openDatabase(dbPath);
    const ackedByHub = hubLink(merged)!.ackedEventId;
    expect(ids(merged)).toEqual([...hubIds, localAwarded, localQueued].sort());
    expect(copyAwards.every((id) => ids(merged).includes(id))).toBe(true);
    expect(findAward(merged, localQueued)?.state).toBe('QUEUED');
    expect(findAward(merged, localAwarded)?.state).toBe('AWARDED');
    expect(merged.prepare('SELECT shift_id AS shift FROM awards WHERE id IN (?, ?)').all(localAwarded, localQueued)).toEqual([{ shift: shift.id }, { shift: shift.id }]);
    expect(merged.prepare('SELECT cashier, ended_at AS endedAt FROM shifts WHERE id = ?').get(shift.id)).toEqual({ cashier: 'Aisyah', endedAt: null });
    // The hub keeps no shifts: an award it brought back is in the shift the copy recorded it in.
    expect(merged.prepare('SELECT shift_id AS shift FROM awards WHERE id = ?').get(sentByBoth)).toEqual({ shift: firstShift.id });
    expect(decisionRecord(merged, decisionId)).toEqual({ outcome: 'carried-out', message: 'sent again' });
    // The hub had it waiting, so it is held; the copy sent it, so that attempt stays with it for the evidence.
    expect(findAward(merged, sentByCopyOnly)?.state).toBe('UNKNOWN');
    expect(attemptsOf(merged, sentByCopyOnly).map((attempt) => attempt.nonce)).toContain(copyNonceOfUnsent);
    expect(findAward(merged, cutOffOnCopy)?.state).toBe('UNKNOWN');
    expect(attemptsOf(merged, cutOffOnCopy)).toMatchObject([{ nonce: 'cut-off-on-copy', outcome: 'interrupted' }]);
    // Awarded at head office, and sent again from the copy: both requests are on it, and a note says so.
    expect(findAward(merged, sentByBoth)?.state).toBe('AWARDED');
    expect(attemptsOf(merged, sentByBoth).map((attempt) => attempt.number)).toEqual([1, 2]);
    expect(attemptsOf(merged, sentByBoth)[1]?.nonce).toBe(copyNonceOfShared);
    expect(eventsOf(merged, sentByBoth).at(-1)).toMatchObject({ from: 'AWARDED', to: 'AWARDED', errorCode: 'PUT_BACK' });
    // Voided here for a refund, waiting at head office: held, with a note that sends the manager to the kept file.
    expect(findAward(merged, voidedOnCopy)?.state).toBe('UNKNOWN');
    expect(eventsOf(merged, voidedOnCopy).at(-1)).toMatchObject({ from: 'UNKNOWN', to: 'UNKNOWN', errorCode: 'PUT_BACK', reason: say('event.changedOnCopy') });
    // Sent from the copy, so told once, among the attempts, not again as a change.
    expect(eventsOf(merged, cutOffOnCopy).filter((event) => event.errorCode === 'PUT_BACK')).toHaveLength(1);
    // Every award's trail runs in order under ids of its own; the carried-over ones above everything the hub holds.
    const trail = merged.prepare('SELECT id, award_id AS awardId, from_state AS "from", to_state AS "to" FROM award_events ORDER BY id').all() as Array<{ id: number; awardId: string; from: string | null; to: string }>;
    for (const id of ids(merged)) {
      const own = trail.filter((event) => event.awardId === id);
      own.forEach((event, i) => expect(event.from, id).toBe(i === 0 ? null : own[i - 1]!.to));
    }
    for (const id of [localAwarded, localQueued]) expect(trail.filter((event) => event.awardId === id).every((event) => event.id > ackedByHub)).toBe(true);

    // The next push is taken, and head office now has the sales made on the put-back PC, and the copy's attempt.
    const newClient = new HubClient(rig.hub.url, readCredentialFile(dbPath)!.credential);
    expect((await new HubPusher({ db: merged, client: newClient, now }).pushPending()).status.kind).toBe('synced');
    merged.close();
    const nowAtHub = await rig.pool.query<{ id: string; state: string }>('SELECT id::text AS id, state FROM awards WHERE id = ANY($1::uuid[]) ORDER BY created_at', [[localAwarded, localQueued]]);
    expect(nowAtHub.rows).toEqual([{ id: localAwarded, state: 'AWARDED' }, { id: localQueued, state: 'QUEUED' }]);
    const attemptsAtHub = await rig.pool.query<{ nonce: string }>('SELECT nonce FROM attempts WHERE award_id = $1 ORDER BY number', [sentByBoth]);
    expect(attemptsAtHub.rows.map((row) => row.nonce)).toContain(copyNonceOfShared);

    // Run again: nothing to merge, nothing changed.
    const mergedBytes = readFileSync(dbPath);
    const again = await runCli(['hub', 'restore', '--merge', '--db', dbPath], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing to merge, nothing changed');
    expect(readFileSync(dbPath).equals(mergedBytes)).toBe(true);
    expect(mergeFiles(dir)).toEqual([kept.slice(dir.length + 1)]);
    expect(existsSync(`${dbPath}.merging`)).toBe(false);
  });
});
