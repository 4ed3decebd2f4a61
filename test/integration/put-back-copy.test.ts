// A counter PC put back from a backup copy of its database: the awards the copy still had waiting may have been sent
// by the PC it replaced. The hub finds such a copy only once it answers, and the relay did not wait for it; so the
// counter finds it itself before its relay starts, from the mark the keychain keeps of how far its trail had come.
// The core runs as the app runs it, on real SQLite files, against the RM sandbox on loopback.
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { holdPutBackQueue, holdQueueOfCopy } from '../../app/awards/attempts.ts';
import { Outbox } from '../../app/awards/outbox.ts';
import { findAward } from '../../app/awards/records.ts';
import { judgeTrail, withMark } from '../../app/core/trail-mark.ts';
import { generateKeyPair } from '../../app/rm/keys.ts';
import { databasePath } from '../../app/paths.ts';
import { DEMO_MEMBERS, startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { SecretStoreError, type SecretDelete, type SecretName, type SecretRead, type SecretStore, type SecretStoreStatus, type SecretWrite } from '../../app/secrets.ts';
import { openDatabase } from '../../app/store/database.ts';
import { linkToHub } from '../../app/store/hub-sync.ts';
import { makeCoreRig, makeProcessRig, MemorySecretStore, type CoreRig } from '../fixtures/core-rig.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';

const keys = await generateKeyPair();
const APP = { clientId: 'put-back-client', clientSecret: 'put-back-secret' };
const MEMBER = { type: 'ID' as const, memberId: DEMO_MEMBERS[0]!.memberId };
let sandbox: RunningSandbox;
let dataDir: string;
let rig: CoreRig | null = null;

beforeAll(async () => {
  sandbox = await startSandbox({ apps: [{ ...APP, publicKeyPem: keys.publicKeyPem }] });
});
afterAll(async () => sandbox?.close());
afterEach(async () => {
  await rig?.close();
  rig = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** The counter as the app starts it on `dataDir`, with this PC's keychain. */
async function startCounter(keychain: SecretStore): Promise<CoreRig> {
  rig = await makeCoreRig({ secrets: () => keychain, rmHosts: () => ({ apiUrl: sandbox.url, oauthUrl: sandbox.url }) }, dataDir);
  return rig;
}

async function stopCounter(): Promise<void> {
  await rig?.close();
  rig = null;
}

/** A terminal set up for the sandbox, as a manager does in Settings; its keychain returned for the restarts. */
async function setUpCounter(): Promise<MemorySecretStore> {
  dataDir = mkdtempSync(join(tmpdir(), 'kaunter-put-back-'));
  const keychain = new MemorySecretStore();
  const counter = await startCounter(keychain);
  expect(await counter.dispatch('settings.update', { environment: 'sandbox' })).toMatchObject({ ok: true });
  expect(await counter.dispatch('credentials.set', { ...APP, privateKeyPem: keys.privateKeyPem })).toMatchObject({ ok: true, value: { state: 'ready' } });
  expect(await counter.dispatch('settings.update', { setupComplete: true })).toMatchObject({ ok: true });
  await stopCounter();
  return keychain;
}

/** An award made while the counter was offline: QUEUED in the file, for the relay to send at the next start. */
function queueOffline(amountSen: number): string {
  const db = openDatabase(databasePath(dataDir, 'sandbox'));
  try {
    const outbox = new Outbox(db, 'till-1', () => Date.now());
    return outbox.submit({ id: randomUUID(), amountSen, member: MEMBER, cashier: 'Aina', receiptRef: `R-${amountSen}`, pointsPreview: Math.floor(amountSen / 100) }, 'cashier:Aina').award.id;
  } finally {
    db.close();
  }
}

function backUp(name: string): string {
  const backup = join(dataDir, name);
  const db = openDatabase(databasePath(dataDir, 'sandbox'));
  db.exec(`VACUUM INTO '${backup}'`);
  db.close();
  return backup;
}

function putBack(backup: string): void {
  const path = databasePath(dataDir, 'sandbox');
  for (const extra of ['-wal', '-shm']) rmSync(`${path}${extra}`, { force: true });
  copyFileSync(backup, path);
}

async function stateOf(id: string): Promise<{ state: string; code: string | null }> {
  const answer = (await rig!.dispatch('award.get', { id })) as { ok: true; value: { award: { state: string; lastError: { code: string } | null } } };
  return { state: answer.value.award.state, code: answer.value.award.lastError?.code ?? null };
}

async function settled(id: string): Promise<{ state: string; code: string | null }> {
  for (let tries = 0; tries < 200; tries += 1) {
    const now = await stateOf(id);
    if (now.state !== 'QUEUED' && now.state !== 'SENDING') return now;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return stateOf(id);
}

/**
 * A keychain that keeps the secrets but will not take the trail mark (and, when told, not give it either); or, with
 * markUnreadable, one whose mark entry is there but cannot be read until it is written again.
 */
class RefusingMarks implements SecretStore {
  readonly service = 'Kaunter (test)';
  readsFail = false;
  markUnreadable = false;
  private readonly inner: SecretStore;
  constructor(inner: SecretStore) {
    this.inner = inner;
  }
  get(name: SecretName): Promise<SecretRead> {
    if (name === 'trailMark' && this.readsFail) return Promise.resolve({ state: 'unavailable', error: new SecretStoreError('keyring-locked', 'the keychain is locked') });
    if (name === 'trailMark' && this.markUnreadable) return Promise.resolve({ state: 'needs-reprovisioning', reason: 'entry-unreadable', message: 'the mark cannot be read' });
    return this.inner.get(name);
  }
  set(name: SecretName, value: string): Promise<SecretWrite> {
    if (name === 'trailMark' && this.markUnreadable) {
      this.markUnreadable = false;
      return this.inner.set(name, value);
    }
    if (name === 'trailMark') return Promise.resolve({ ok: false, error: new SecretStoreError('keyring-locked', 'the keychain is locked') });
    return this.inner.set(name, value);
  }
  delete(name: SecretName): Promise<SecretDelete> {
    return this.inner.delete(name);
  }
  status(): Promise<SecretStoreStatus> {
    return this.inner.status();
  }
}

const sentToRm = (amountSen: number) => sandbox.ledger().filter((entry) => entry.amount === amountSen).length;

describe('a counter PC put back from a backup copy of its database', () => {
  it('holds the awards the copy had waiting before its relay starts, and sends the sales made since', async () => {
    const keychain = await setUpCounter();
    const waiting = queueOffline(1111);
    const backup = backUp('before-the-send.db');
    // The PC it replaces sends that award, then its disk is lost.
    await startCounter(keychain);
    expect(await settled(waiting)).toEqual({ state: 'AWARDED', code: null });
    await stopCounter();
    expect(sentToRm(1111)).toBe(1);

    putBack(backup);
    await startCounter(keychain);
    expect(await settled(waiting)).toEqual({ state: 'UNKNOWN', code: 'PUT_BACK' });
    expect(sentToRm(1111)).toBe(1);
    const sale = (await rig!.dispatch('award.submit', { id: randomUUID(), amountSen: 1112, member: MEMBER })) as { ok: true; value: { award: { id: string } } };
    expect(await settled(sale.value.award.id)).toEqual({ state: 'AWARDED', code: null });
    await stopCounter();

    // Once found, it is this PC's database: the next start holds nothing.
    const later = queueOffline(1113);
    await startCounter(keychain);
    expect(await settled(later)).toEqual({ state: 'AWARDED', code: null });
    expect(rig!.logLines.some((line) => line.includes('trail mark'))).toBe(false);
  });

  it('holds them on a replacement PC, whose keychain never saw this database', async () => {
    const keychain = await setUpCounter();
    await startCounter(keychain);
    await stopCounter();
    const waiting = queueOffline(2221);
    const newPc = new MemorySecretStore();
    for (const name of ['privateKey', 'clientSecret'] as const) {
      const read = await keychain.get(name);
      if (read.state === 'found') await newPc.set(name, read.value);
    }
    await startCounter(newPc);
    expect(await settled(waiting)).toEqual({ state: 'UNKNOWN', code: 'PUT_BACK' });
    expect(sentToRm(2221)).toBe(0);
    expect(rig!.logLines.some((line) => line.includes('1 awards waiting to be sent were held for a manager'))).toBe(true);
  });

  it('is not confused by a second data folder on the same PC, whose database the keychain marks beside it', async () => {
    const keychain = await setUpCounter();
    const first = dataDir;
    const waiting = queueOffline(4441);
    dataDir = mkdtempSync(join(tmpdir(), 'kaunter-second-folder-'));
    const second = await startCounter(keychain);
    expect(await second.dispatch('settings.update', { environment: 'sandbox' })).toMatchObject({ ok: true });
    expect(await second.dispatch('credentials.set', { ...APP, privateKeyPem: keys.privateKeyPem })).toMatchObject({ ok: true, value: { state: 'ready' } });
    const sale = (await second.dispatch('award.submit', { id: randomUUID(), amountSen: 4442, member: MEMBER })) as { ok: true; value: { award: { id: string } } };
    expect(await settled(sale.value.award.id)).toEqual({ state: 'AWARDED', code: null });
    expect((await keychain.get('trailMark')).state).toBe('found');
    await stopCounter();
    rmSync(dataDir, { recursive: true, force: true });

    dataDir = first;
    await startCounter(keychain);
    expect(await settled(waiting)).toEqual({ state: 'AWARDED', code: null });
  });

  it('sends as usual while the keychain will not take the mark, and says so in the log once', async () => {
    const keychain = await setUpCounter();
    const refusing = new RefusingMarks(keychain);
    const waiting = [queueOffline(5551), queueOffline(5552), queueOffline(5553)];
    await startCounter(refusing);
    for (const id of waiting) expect(await settled(id)).toEqual({ state: 'AWARDED', code: null });
    expect(rig!.logLines.filter((line) => line.includes('trail mark: not written'))).toHaveLength(1);
    await stopCounter();

    refusing.readsFail = true;
    const next = queueOffline(5554);
    await startCounter(refusing);
    expect(await settled(next)).toEqual({ state: 'AWARDED', code: null });
    expect(rig!.logLines.some((line) => line.includes('trail mark: not read (the keychain is locked)'))).toBe(true);
  });

  it('holds once when the keychain holds a mark it cannot read, and writes the mark afresh', async () => {
    const keychain = await setUpCounter();
    const unreadable = new RefusingMarks(keychain);
    unreadable.markUnreadable = true;
    const waiting = queueOffline(7771);
    await startCounter(unreadable);
    expect(await settled(waiting)).toEqual({ state: 'UNKNOWN', code: 'PUT_BACK' });
    expect(unreadable.markUnreadable).toBe(false);
    await stopCounter();

    const next = queueOffline(7772);
    await startCounter(unreadable);
    expect(await settled(next)).toEqual({ state: 'AWARDED', code: null });
  });

  it('sends as usual what waited through an ordinary restart, and what a database from before the marks had waiting', async () => {
    const keychain = await setUpCounter();
    const beforeMarks = queueOffline(3331);
    const db = openDatabase(databasePath(dataDir, 'sandbox'));
    db.exec('DELETE FROM trail_identity');
    db.close();
    await keychain.delete('trailMark');
    await startCounter(keychain);
    expect(await settled(beforeMarks)).toEqual({ state: 'AWARDED', code: null });
    await stopCounter();

    const restarted = queueOffline(3332);
    await startCounter(keychain);
    expect(await settled(restarted)).toEqual({ state: 'AWARDED', code: null });
    const reopened = openDatabase(databasePath(dataDir, 'sandbox'));
    expect(findAward(reopened, restarted)?.state).toBe('AWARDED');
    reopened.close();
  });
});

describe('the core in its own process, as the app runs it', () => {
  it("marks through the host's keychain, and the host's log remembers the secrets it passed but not the mark", async () => {
    const keychain = await setUpCounter();
    const waiting = queueOffline(6661);
    const host = await makeProcessRig({ secrets: () => keychain, rmHosts: { sandbox: { apiUrl: sandbox.url, oauthUrl: sandbox.url } } }, dataDir);
    try {
      for (let tries = 0; tries < 200 && sentToRm(6661) === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(sentToRm(6661)).toBe(1);
      const marks = await keychain.get('trailMark');
      const mark = marks.state === 'found' ? marks.value : '';
      expect(mark).toMatch(/^\[\["[0-9a-f-]{36}",\d+\]\]$/);
      expect(host.log.redactor.redact(`${APP.clientSecret} ${mark}`)).toBe(`[secret] ${mark}`);
    } finally {
      await host.close();
    }
    const db = openDatabase(databasePath(dataDir, 'sandbox'));
    expect(findAward(db, waiting)?.state).toBe('AWARDED');
    db.close();
  });
});

describe('a copy found at the start, on a counter joined to a hub', () => {
  it('is not held again when the hub finds the same copy: the sales made since go to RM', () => {
    const counter = counterDb();
    dataDir = counter.dir;
    const { db } = counter;
    linkToHub(db, { hubUrl: 'https://hub.example', hubTerminalId: 'T-1', outlet: 'Bangsar', terminal: 'Till 1', ackedEventId: 0 });
    const fromTheCopy = award(db, 'till-1', 'QUEUED', Date.UTC(2026, 10, 20, 3));
    expect(holdQueueOfCopy(db, Date.UTC(2026, 10, 20, 4))).toEqual([fromTheCopy]);
    const madeSince = award(db, 'till-1', 'QUEUED', Date.UTC(2026, 10, 20, 5));
    expect(holdPutBackQueue(db, Date.UTC(2026, 10, 20, 6))).toEqual([]);
    expect(findAward(db, madeSince)?.state).toBe('QUEUED');
    db.close();
  });
});

describe('judging a trail against the keychain marks', () => {
  const own = { trail: 'trail-a', newestEvent: 40 };
  it.each([
    ['never marked, the keychain empty', [], { trail: null, newestEvent: 40 }, 'first'],
    ['never marked, other trails marked', [['trail-b', 9]], { trail: null, newestEvent: 0 }, 'first'],
    ['marked, the keychain empty', [], own, 'copy'],
    ['as far as its mark', [['trail-b', 99], ['trail-a', 40]], own, 'same'],
    ['further than its mark', [['trail-a', 12]], own, 'same'],
    ['behind its mark', [['trail-a', 41], ['trail-b', 1]], own, 'copy'],
    ['only other trails marked', [['trail-b', 1]], own, 'copy'],
  ] as const)('%s', (_name, marks, ownTrail, verdict) => {
    expect(judgeTrail(marks.map(([trail, event]) => [trail, event]), ownTrail)).toBe(verdict);
  });

  it('moves a trail last when marked, and lets the oldest others go beyond eight', () => {
    const eight = Array.from({ length: 8 }, (_, index): [string, number] => [`trail-${index}`, index]);
    expect(withMark([['trail-a', 1], ['trail-b', 2]], 'trail-a', 5)).toEqual([['trail-b', 2], ['trail-a', 5]]);
    expect(withMark(eight, 'new', 0)).toEqual([...eight.slice(1), ['new', 0]]);
    expect(withMark(eight, 'trail-0', 9)).toEqual([...eight.slice(1), ['trail-0', 9]]);
  });
});
