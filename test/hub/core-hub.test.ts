// Head office inside a running Kaunter: joining from the app (credential into the keychain port, never out of the
// core), awards pushed by themselves beside the relay, the status the status bar shows, revocation, and training
// kept out.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HubStatus } from '../../app/contract.ts';
import { enrolTerminal, revokeTerminal } from '../../hub/terminals.ts';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { BY_ID } from '../fixtures/award-rig.ts';

let hub: HubRig;
let rig: CoreRig;
beforeAll(async () => {
  hub = await startHubRig();
});
afterAll(async () => hub?.close());
afterEach(async () => rig?.close());

const statuses = (r: CoreRig) => r.events.filter((e) => e.event === 'hub.status').map((e) => e.payload as HubStatus);

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('head office in the app', () => {
  it('joins with a code, keeps the credential in the keychain, and pushes awards by itself', async () => {
    rig = await makeCoreRig();
    expect(await rig.dispatch('settings.update', { environment: 'sandbox' })).toMatchObject({ ok: true });
    expect(await rig.dispatch('hub.status', {})).toEqual({ ok: true, value: { kind: 'not-joined' } });
    const enrolment = await enrolTerminal(hub.pool, 'Seremban', 'Till 1', 'test');
    const bad = await rig.dispatch('hub.join', { url: hub.hub.url, code: 'AAAA-BBBB-CCCC-DDDD' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not valid/) as unknown } });
    const joined = await rig.dispatch('hub.join', { url: hub.hub.url, code: enrolment.code });
    expect(joined.ok).toBe(true);
    // The answer carries the status only: the credential never leaves the core.
    expect(JSON.stringify(joined)).not.toContain('kht1.');
    const stored = await rig.core.ports.secrets('sandbox').get('hubCredential');
    expect(stored).toMatchObject({ state: 'found', value: expect.stringMatching(/^kht1\./) as unknown });

    // No RM credentials in this rig: the award stays queued, and its record still goes to head office.
    const submitted = await rig.dispatch('award.submit', { id: '0b3f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 1500, member: BY_ID });
    expect(submitted).toMatchObject({ ok: true });
    const atHub = async (id: string) => (await hub.pool.query<{ state: string }>('SELECT state FROM awards WHERE id = $1', [id])).rows;
    await until(async () => (await atHub('0b3f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f')).length === 1);
    expect(await atHub('0b3f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f')).toEqual([{ state: 'QUEUED' }]);
    expect(await rig.dispatch('hub.status', {})).toMatchObject({ ok: true, value: { kind: 'synced' } });

    await revokeTerminal(hub.pool, 'Seremban', 'Till 1', 'test');
    await rig.dispatch('award.submit', { id: '1c4f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 900, member: BY_ID });
    await until(() => statuses(rig).some((s) => s.kind === 'refused' && s.code === 'REVOKED'));
  });

  it('starts pushing again after a restart, with the credential from the keychain', async () => {
    rig = await makeCoreRig();
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    const enrolment = await enrolTerminal(hub.pool, 'Seremban', 'Till 2', 'test');
    expect((await rig.dispatch('hub.join', { url: hub.hub.url, code: enrolment.code })).ok).toBe(true);
    const secrets = rig.core.ports.secrets;
    const dataDir = rig.dataDir;
    await rig.core.close();
    rig = await makeCoreRig({ secrets }, dataDir);
    await rig.dispatch('award.submit', { id: '2d5f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 700, member: BY_ID });
    await until(async () => (await hub.pool.query("SELECT 1 FROM awards WHERE id = '2d5f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f'")).rowCount === 1);
  });

  it('a replacement PC joining as the same terminal gets its history back, then carries on', async () => {
    rig = await makeCoreRig();
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    const first = await enrolTerminal(hub.pool, 'Seremban', 'Till 4', 'test');
    expect((await rig.dispatch('hub.join', { url: hub.hub.url, code: first.code })).ok).toBe(true);
    await rig.dispatch('award.submit', { id: '3e6f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 1100, member: BY_ID });
    await until(async () => (await hub.pool.query("SELECT 1 FROM awards WHERE id = '3e6f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f'")).rowCount === 1);
    const before = await rig.dispatch('history.page', { filter: {}, cursor: null, limit: 50 });
    await rig.close();

    rig = await makeCoreRig();
    await rig.dispatch('settings.update', { environment: 'sandbox' });
    const second = await enrolTerminal(hub.pool, 'Seremban', 'Till 4', 'test');
    expect((await rig.dispatch('hub.join', { url: hub.hub.url, code: second.code })).ok).toBe(true);
    expect(await rig.dispatch('history.page', { filter: {}, cursor: null, limit: 50 })).toEqual(before);
    await rig.dispatch('award.submit', { id: '4f7f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f', amountSen: 1200, member: BY_ID });
    await until(async () => (await hub.pool.query("SELECT 1 FROM awards WHERE id = '4f7f6f8e-5d2a-4c1e-9f7a-1a2b3c4d5e6f'")).rowCount === 1);
    expect(statuses(rig).some((s) => s.kind === 'refused')).toBe(false);
  });

  it('training never joins head office', async () => {
    rig = await makeCoreRig();
    const enrolment = await enrolTerminal(hub.pool, 'Seremban', 'Till 3', 'test');
    const answer = await rig.dispatch('hub.join', { url: hub.hub.url, code: enrolment.code });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Training awards are practice/) as unknown } });
  });
});
