// `kaunter hub revoke` with a name the hub does not know: it says whether the outlet or the terminal was not found, and
// names the close matches as enrol does for an outlet. Real PostgreSQL, real `kaunter` processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';
import { enrolTerminal } from '../../hub/terminals.ts';

let rig: HubRig;
const CHECK = "Check the name: the hub's Counters tab lists every outlet's terminals.";

beforeAll(async () => {
  rig = await startHubRig();
  for (const terminal of ['Till 1', 'Till 2', 'Kaunter Depan']) {
    await enrolTerminal(rig.pool, 'Mid Valley', terminal, 'test', { newOutlet: true, replaceLive: false });
  }
  await enrolTerminal(rig.pool, 'Mid Valley Southkey', 'Till 4', 'test', { newOutlet: true, replaceLive: false });
});
afterAll(async () => {
  await rig?.close();
});

const revoke = (outlet: string, terminal: string) => runCli(['hub', 'revoke', '--database', rig.databaseUrl, '--outlet', outlet, '--terminal', terminal]);
const revokedCount = async () => (await rig.pool.query('SELECT 1 FROM terminals WHERE revoked_at IS NOT NULL')).rowCount;

describe('kaunter hub revoke, refused', () => {
  it('an outlet not found is named as the outlet, with the close outlet names', async () => {
    const typo = await revoke('Mid Vally', 'Till 1');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(`There is no outlet "Mid Vally". Did you mean "Mid Valley"? ${CHECK}`);
    const part = await revoke('valley', 'Till 1');
    expect(part.stderr).toContain(`There is no outlet "valley". Did you mean "Mid Valley" or "Mid Valley Southkey"? ${CHECK}`);
    const unlike = await revoke(' Bangsar ', 'Till 1');
    expect(unlike.code).toBe(1);
    expect(unlike.stderr).toContain(`There is no outlet "Bangsar". ${CHECK}`);
    expect(await revokedCount()).toBe(0);
  });

  it("a terminal not found is named with the outlet as the hub spells it, and that outlet's close terminal names", async () => {
    const typo = await revoke('mid valley', 'Kaunter Depn');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(`There is no terminal "Kaunter Depn" at outlet "Mid Valley". Did you mean "Kaunter Depan"? ${CHECK}`);
    // Southkey's "Till 4" is as close, but it is another outlet's.
    const near = await revoke('Mid Valley', 'Till 3');
    expect(near.stderr).toContain(`There is no terminal "Till 3" at outlet "Mid Valley". Did you mean "Till 1" or "Till 2"? ${CHECK}`);
    const unlike = await revoke('Mid Valley', 'Counter Belakang');
    expect(unlike.stderr).toContain(`There is no terminal "Counter Belakang" at outlet "Mid Valley". ${CHECK}`);
    expect(await revokedCount()).toBe(0);
  });
});
