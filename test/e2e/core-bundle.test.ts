// The core's entry as Electron runs it: the esbuild bundle dist/main/core.cjs (built by the e2e global setup, as
// `npm run build` builds it), started as a plain Node child running JavaScript, serving the same contract.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeCoreLauncher } from '../../main/core-process/node-launcher.ts';
import { makeProcessRig, type ProcessRig } from '../fixtures/core-rig.ts';

let rig: ProcessRig | undefined;
afterAll(async () => rig?.close());

describe('the bundled core entry', () => {
  it('starts from the bundle and awards through the contract', async () => {
    rig = await makeProcessRig({ launchCore: nodeCoreLauncher({ entry: join(process.cwd(), 'dist', 'main', 'core.cjs') }) });
    const award = { id: randomUUID(), amountSen: 1250, member: { type: 'PHONENUMBER' as const, countryCode: '60', phoneNumber: '172826990' } };
    expect(await rig.dispatch('award.submit', award)).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
    expect(rig.training.sandbox?.ledger()).toHaveLength(1);
  });
});
