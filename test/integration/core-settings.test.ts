// Settings through the contract, as the manager's screens use them, with the core in this process and in its own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_RIGS, makeCoreRig, type ContractRig, type CoreRig } from '../fixtures/core-rig.ts';

let rig: ContractRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe.each(CONTRACT_RIGS)('settings, the core %s', (_name, makeRig) => {
  it('a receipt pattern makes a scanned receipt number fill the receipt field', async () => {
    rig = await makeRig();
    expect(await rig.dispatch('scanner.parse', { text: 'INV-000123' })).toMatchObject({ ok: true, value: { type: 'unrecognised' } });
    expect(await rig.dispatch('settings.update', { receiptPattern: 'INV-\\d{6}' })).toMatchObject({ ok: true, value: { receiptPattern: 'INV-\\d{6}' } });
    expect(await rig.dispatch('scanner.parse', { text: 'INV-000123' })).toEqual({ ok: true, value: { type: 'RECEIPT', reference: 'INV-000123' } });
    expect(await rig.dispatch('settings.update', { receiptPattern: '(unclosed' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'receiptPattern' } });
  });

  it("a keyboard-mode scan is cleaned as a HID scan is: the scanner's symbology identifier and framing characters come off", async () => {
    rig = await makeRig();
    const member = { ok: true, value: { type: 'ID', memberId: '6190354873541245312' } };
    expect(await rig.dispatch('scanner.parse', { text: ']E06190354873541245312' })).toEqual(member);
    expect(await rig.dispatch('scanner.parse', { text: '\u00026190354873541245312\u0003' })).toEqual(member);
    // The identifier it typed still says what was read: a product's EAN-13 is no member.
    expect(await rig.dispatch('scanner.parse', { text: ']E09556001234568' })).toMatchObject({ ok: true, value: { type: 'unrecognised', code: 'scan.productCode' } });
    expect(await rig.dispatch('scanner.parse', { text: '9556001234568' })).toEqual({ ok: true, value: { type: 'ID', memberId: '9556001234568' } });
  });

  it('a receipt pattern cannot freeze the core: matching is linear, and what cannot be is refused when saved', async () => {
    rig = await makeRig();
    expect(await rig.dispatch('settings.update', { receiptPattern: '(a|a)+b' })).toMatchObject({ ok: true });
    const started = performance.now();
    const [parsed, status] = await Promise.all([
      rig.dispatch('scanner.parse', { text: `${'a'.repeat(32)}c` }),
      rig.dispatch('queue.status', {}),
    ]);
    expect(parsed).toMatchObject({ ok: true, value: { type: 'unrecognised' } });
    expect(status).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeLessThan(1_000);

    const refused = await rig.dispatch('settings.update', { receiptPattern: '(?=INV)INV-\\d{6}' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'receiptPattern' } });
    expect(refused.ok === false && refused.error.message).toContain('look-arounds');
    expect(await rig.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { receiptPattern: '(a|a)+b' } });
  });

});

describe('settings, the core in this process', () => {
  it('a settings file from before RE2 with a look-around or a back-reference still opens: those patterns are set aside and logged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kaunter-old-patterns-'));
    // acceptLandlines: a setting older Kaunters kept; now ignored.
    const identity = { receiptPattern: '(?=INV)INV-\\d{6}', memberIdPattern: '(\\d)\\1{9}', acceptLandlines: false };
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ storeName: 'Kedai Aina', scannerRules: { identity } }));
    const open: CoreRig = await makeCoreRig({}, dataDir);
    rig = open;
    expect(await open.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { storeName: 'Kedai Aina', receiptPattern: null } });
    expect(open.core.settings.value.scannerRules.identity).toEqual(expect.objectContaining({ memberIdPattern: '\\d{10,20}' }));
    expect(open.core.settings.value.scannerRules.identity).not.toHaveProperty('acceptLandlines');
    expect(await open.dispatch('scanner.parse', { text: '6190354873541245312' })).toEqual({ ok: true, value: { type: 'ID', memberId: '6190354873541245312' } });
    const warnings = open.logLines.filter((line) => line.includes('WARN  settings: '));
    expect(warnings).toEqual([
      expect.stringContaining('The member-ID pattern "(\\d)\\1{9}", saved by an older Kaunter, is not a pattern Kaunter can use'),
      expect.stringContaining('The receipt pattern "(?=INV)INV-\\d{6}", saved by an older Kaunter, is not a pattern Kaunter can use'),
    ]);
    expect(warnings[1]).toContain('a manager can set a new one in Settings');
    expect(warnings[0]).toContain('member IDs are read with the default pattern');
    expect(await open.dispatch('settings.get', {})).toMatchObject({
      ok: true,
      value: {
        setAsidePatterns: [
          { field: 'memberIdPattern', pattern: '(\\d)\\1{9}' },
          { field: 'receiptPattern', pattern: '(?=INV)INV-\\d{6}' },
        ],
      },
    });
    // Once a manager sets a new receipt pattern, the old one is no longer news; the member-ID one still is.
    expect(await open.dispatch('settings.update', { receiptPattern: 'INV-\\d{6}' })).toMatchObject({
      ok: true,
      value: { receiptPattern: 'INV-\\d{6}', setAsidePatterns: [{ field: 'memberIdPattern', pattern: '(\\d)\\1{9}' }] },
    });
  });

  it('switching environment opens that environment\'s own database and credentials', async () => {
    const open: CoreRig = await makeCoreRig();
    rig = open;
    expect(open.core.env.environment).toBe('training');
    expect(await open.dispatch('settings.update', { environment: 'sandbox' })).toMatchObject({ ok: true, value: { environment: 'sandbox' } });
    expect(open.core.env.dbPath).toMatch(/awards-sandbox\.db$/);
    expect(await open.dispatch('credentials.status', {})).toMatchObject({ ok: true, value: { state: 'needs-setup' } });
    expect(await open.dispatch('queue.status', {})).toMatchObject({ ok: true, value: { sendingEnabled: false, online: false } });
  });
});
