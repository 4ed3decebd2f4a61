// The private key, client secret and refresh token go into the keychain and never come out: not in any contract
// response, not in any event, not in a log line, not in the settings file, the database or an export, whether the core
// runs in this process or in its own (the host holds the keychain; the core asks it). The keychain is the real Secret
// Service when `npm test` provides one. The browser host is driven as a page drives it, and its log file and stderr
// are read like the rest.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../app/paths.ts';
import { generateKeyPair } from '../../app/rm/keys.ts';
import type { SecretStore } from '../../app/secrets.ts';
import { DEMO_MEMBERS, startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { createKeychain } from '../../main/keychain/keytar-store.ts';
import { makeBrowserHostRig } from '../fixtures/browser-host-rig.ts';
import { makeCoreRig, makeProcessRig, MemorySecretStore, type PageRig } from '../fixtures/core-rig.ts';

const realKeychain = process.env.KAUNTER_TEST_SECRET_SERVICE === '1';
if (!realKeychain) console.log('secrets-never-leak: no private Secret Service (run via `npm test`); using an in-memory store');

const keys = await generateKeyPair();
const CLIENT_ID = 'leak-test-client';
const CLIENT_SECRET = `secret-${Math.random().toString(36).slice(2)}-do-not-leak`;
let sandbox: RunningSandbox;
let store: SecretStore;

type RigMaker = (secrets: SecretStore, rmUrl: string) => Promise<PageRig>;
const HOSTS: Array<[string, RigMaker]> = [
  ['in this process', (secrets, url) => makeCoreRig({ secrets: () => secrets, rmHosts: () => ({ apiUrl: url, oauthUrl: url }) })],
  ['in its own process', (secrets, url) => makeProcessRig({ secrets: () => secrets, rmHosts: { sandbox: { apiUrl: url, oauthUrl: url } } })],
  // The browser host as `npm start` runs it, in its own process with its own log and stderr, over its socket. It holds
  // the keychain itself, so this test can read what it stored only when both use the real Secret Service.
  ...(realKeychain ? [['under the browser host', (_secrets, url) => makeBrowserHostRig({ sandboxUrl: url })] as [string, RigMaker]] : []),
];
if (!realKeychain) console.log('secrets-never-leak: the browser host is left out: it keeps its own keychain, and only a real Secret Service is shared with this test');

async function emptyKeychain(): Promise<void> {
  if (realKeychain) for (const name of ['privateKey', 'clientSecret', 'refreshToken'] as const) await store.delete(name);
}

beforeAll(async () => {
  sandbox = await startSandbox({ apps: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, publicKeyPem: keys.publicKeyPem }] });
  store = realKeychain ? createKeychain({ environment: 'sandbox' }) : new MemorySecretStore();
});

afterAll(async () => {
  await emptyKeychain();
  await sandbox?.close();
});

describe.each(HOSTS)('secrets never leave the keychain, the core %s', (_name, makeRig) => {
  let rig: PageRig;
  const answers: unknown[] = [];
  async function call(method: string, payload: unknown = {}): Promise<unknown> {
    const answer = await rig.dispatch(method, payload);
    answers.push(answer);
    return answer;
  }

  beforeAll(async () => {
    await emptyKeychain();
    rig = await makeRig(store, sandbox.url);
  });
  afterAll(async () => rig?.close());

  it('through setup, a test call, awards, history, export, errors and logs', async () => {
    await call('settings.update', { environment: 'sandbox' });
    await call('credentials.set', { privateKeyPem: `not a key but ${CLIENT_SECRET}` });
    expect(await call('credentials.set', { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, privateKeyPem: keys.privateKeyPem })).toMatchObject({ ok: true, value: { state: 'ready', clientSecretSet: true } });
    expect(await call('credentials.test')).toMatchObject({ ok: true, value: { ok: true } });
    const refresh = await store.get('refreshToken');
    expect(refresh.state).toBe('found');
    const refreshToken = refresh.state === 'found' ? refresh.value : '';

    await call('manager.setPin', { pin: '1357', managerName: 'Siti' });
    await call('settings.update', { setupComplete: true, cashiers: ['Aina'] });
    await call('shift.start', { cashier: 'Aina' });
    await call('credentials.status');
    await call('settings.get');
    await call('app.info');
    await call('award.preview', { amountSen: 1250, member: { type: 'ID', memberId: DEMO_MEMBERS[0]?.memberId } });
    const submitted = (await call('award.submit', { id: crypto.randomUUID(), amountSen: 1250, member: { type: 'ID', memberId: DEMO_MEMBERS[0]?.memberId } })) as { ok: boolean; value: { award: { id: string } } };
    expect(submitted).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
    sandbox.setFault({ mode: 'apply-then-drop', path: '/v3/loyalty/spending-reward', count: 1 });
    await call('award.submit', { id: crypto.randomUUID(), amountSen: 700, member: { type: 'ID', memberId: DEMO_MEMBERS[0]?.memberId } });
    await call('award.get', { id: submitted.value.award.id });
    await call('queue.status');
    await call('manager.unlock', { pin: '0000' });
    await call('manager.unlock', { pin: '1357' });
    await call('history.page', { filter: {}, cursor: null, limit: 50 });
    await call('manager.unknownAwards');
    const exported = (await call('history.exportCsv', { filter: {} })) as { value: { path: string } };
    const ended = (await call('shift.end')) as { value: { id: number } };
    const shiftExport = (await call('shift.exportCsv', { id: ended.value.id })) as { value: { path: string } };
    expect(await call('credentials.generateKey')).toMatchObject({ ok: true });
    await call('credentials.status');
    const generated = await store.get('privateKey');
    expect(generated.state).toBe('found');
    const generatedPem = generated.state === 'found' ? generated.value : '';
    expect(generatedPem).not.toBe(keys.privateKeyPem);

    // One whole base64 line of each PEM body: any copy of the key, raw or JSON-escaped, contains it.
    const secrets = {
      clientSecret: CLIENT_SECRET,
      refreshToken,
      importedKeyLine: keys.privateKeyPem.split('\n')[5] ?? '',
      generatedKeyLine: generatedPem.split('\n')[5] ?? '',
    };
    const surfaces: Record<string, string> = {
      'contract answers': JSON.stringify(answers),
      events: JSON.stringify(rig.events),
      'log lines': rig.logLines.join('\n'),
      'log file': readLogFiles(rig.dataDir),
      // The core's process's, or the browser host's own (its log's echo, and what its core printed).
      stderr: rig.stderr.join(''),
      'settings file': readFileSync(join(rig.dataDir, 'settings.json'), 'utf8'),
      'database file': readFileSync(databasePath(rig.dataDir, 'sandbox')).toString('latin1') + readWal(rig.dataDir),
      'CSV export': readFileSync(exported.value.path, 'utf8'),
      'shift CSV export': readFileSync(shiftExport.value.path, 'utf8'),
    };
    for (const [surface, text] of Object.entries(surfaces)) {
      for (const [name, secret] of Object.entries(secrets)) {
        expect(secret.length, name).toBeGreaterThan(10);
        expect(text.includes(secret), `${name} found in ${surface}`).toBe(false);
      }
    }
  });
});

/** kaunter.log and any rotated kaunter.log.N: the log a support engineer would be sent. */
function readLogFiles(dataDir: string): string {
  const files = readdirSync(dataDir).filter((name) => name.startsWith('kaunter.log'));
  expect(files).toContain('kaunter.log');
  return files.map((name) => readFileSync(join(dataDir, name), 'utf8')).join('');
}

function readWal(dataDir: string): string {
  return readdirSync(dataDir)
    .filter((name) => name.endsWith('-wal'))
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('');
}
