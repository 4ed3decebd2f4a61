// The browser host keeps Kaunter's log by itself (issue 11 item 8): started as `npm start` starts it, with no logger
// given, a call that fails inside the core (a dispatch INTERNAL) is in kaunter.log in the data folder, 0600, and on the
// host's stderr, the same line.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageRig } from '../fixtures/core-rig.ts';
import { makeBrowserHostRig } from '../fixtures/browser-host-rig.ts';
import { until } from '../fixtures/until.ts';

let rig: PageRig;

beforeAll(async () => {
  // A file where the Downloads folder should be: the export fails in a way no handler expects.
  rig = await makeBrowserHostRig({ memoryKeychain: true, prepare: (dataDir) => writeFileSync(join(dataDir, 'Downloads'), 'not a folder') });
});
afterAll(async () => rig?.close());

describe('the browser host\'s own log', () => {
  it('has a dispatch INTERNAL from the core in kaunter.log (0600) and on stderr, with no logger passed in', async () => {
    expect(await rig.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true });
    expect(await rig.dispatch('history.exportCsv', { filter: {} })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const logPath = join(rig.dataDir, 'kaunter.log');
    const failure = /ERROR dispatch: history\.exportCsv failed: Error: E[A-Z]+: /;
    await until(() => failure.test(readFileSync(logPath, 'utf8')), 'the INTERNAL in kaunter.log', 10_000, 50);
    expect(statSync(logPath).mode & 0o777).toBe(0o600);
    await until(() => failure.test(rig.stderr.join('')), 'the same line on the host\'s stderr', 10_000, 50);
  });
});
