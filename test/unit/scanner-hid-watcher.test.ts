import { afterEach, describe, expect, it } from 'vitest';
import type { ScanEvent, ScannerStatus } from '../../app/scanner/scanner-events.ts';
import { scannerSettingsSchema } from '../../app/scanner/scanner-settings.ts';
import { HidWatcher, type HidWatcherOptions } from '../../main/hid/watcher.ts';
import { FakeHidBackend, HONEYWELL_HID_POS, OFFICE_KEYBOARD, ZEBRA_KEYBOARD_MODE } from '../hid/fake-hid-backend.ts';
import { hidPosReports } from '../hid/scanner-reports.ts';

const BACKOFF = { initialMs: 20, maxMs: 160 };
const SAVED_ZEBRA = scannerSettingsSchema.parse({ savedScanners: [{ vendorId: 0x05e0, productId: 0x1200 }] });

const watchers: HidWatcher[] = [];

interface Harness {
  backend: FakeHidBackend;
  watcher: HidWatcher;
  scans: ScanEvent[];
  statuses: ScannerStatus[];
  logs: string[];
}

function harness(options: Partial<HidWatcherOptions> = {}, backend = new FakeHidBackend()): Harness {
  const logs: string[] = [];
  const watcher = new HidWatcher({ backend, platform: 'linux', backoff: BACKOFF, scanIdleMs: 40, log: (m) => logs.push(m), ...options });
  watchers.push(watcher);
  const scans: ScanEvent[] = [];
  const statuses: ScannerStatus[] = [];
  watcher.on('scan', (scan) => scans.push(scan));
  watcher.on('status', (status) => statuses.push(status));
  return { backend, watcher, scans, statuses, logs };
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const states = (statuses: ScannerStatus[]): string[] => statuses.map((s) => `${s.state}${s.device ? `:${s.device.path}` : ''}`);

afterEach(async () => {
  await Promise.all(watchers.splice(0).map((watcher) => watcher.stop()));
});

describe('HID watcher with a HID POS scanner', () => {
  it('opens it, reports it connected, and turns its reports into cleaned scans (the core reads them as members)', async () => {
    const { backend, watcher, scans, statuses } = harness();
    backend.plug(HONEYWELL_HID_POS, OFFICE_KEYBOARD);
    watcher.start();
    await waitFor('connected', () => watcher.status.state === 'connected');
    expect(statuses.at(-1)).toMatchObject({ state: 'connected', message: 'Honeywell Voyager 1602g is ready (HID POS mode).' });
    expect(backend.openConnections(OFFICE_KEYBOARD.path)).toHaveLength(0); // a keyboard nobody saved is not a scanner

    backend.send(HONEYWELL_HID_POS.path, hidPosReports('1589736419203847563'));
    backend.send(HONEYWELL_HID_POS.path, hidPosReports('\x02+60 17-282 6990\r\n', { aim: ']C0' }));
    expect(scans).toEqual([
      {
        text: '1589736419203847563',
        device: { path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, name: 'Honeywell Voyager 1602g', mode: 'hid-pos' },
        symbology: ']Q1',
      },
      expect.objectContaining({ text: '+60 17-282 6990', symbology: ']C0' }),
    ]);
  });

  it('handles an unplug (the device error), reports it absent, backs off, and reconnects by itself', async () => {
    const { backend, watcher, scans, statuses, logs } = harness();
    backend.plug(HONEYWELL_HID_POS);
    watcher.start();
    await waitFor('connected', () => watcher.status.state === 'connected');
    const [firstConnection] = backend.openConnections(HONEYWELL_HID_POS.path);

    backend.unplug(HONEYWELL_HID_POS.path);
    expect(firstConnection?.closed).toBe(true);
    expect(watcher.status).toMatchObject({ state: 'absent', message: expect.stringContaining('was disconnected') as string });
    expect(logs.join('\n')).toContain('could not read from HID device');

    const listsBefore = backend.listCalls.length;
    await waitFor('four retries', () => backend.listCalls.length - listsBefore >= 4, 3000);
    const retries = backend.listCalls.slice(listsBefore);
    const gaps = retries.slice(1).map((at, i) => at - (retries[i] ?? 0));
    // Timers never fire early, so each wait is at least the doubled delay: 40, 80, then the 160 ms ceiling.
    expect(gaps[0]).toBeGreaterThanOrEqual(40 - 2);
    expect(gaps[1]).toBeGreaterThanOrEqual(80 - 2);
    expect(gaps[2]).toBeGreaterThanOrEqual(160 - 2);
    // While it is missing the status is not repeated on every retry.
    expect(states(statuses)).toEqual(['connected:/dev/hidraw3', 'absent:/dev/hidraw3']);

    backend.plug(HONEYWELL_HID_POS);
    await waitFor('reconnected', () => watcher.status.state === 'connected', 1000);
    backend.send(HONEYWELL_HID_POS.path, hidPosReports('1234567890'));
    expect(scans.map((s) => s.text)).toEqual(['1234567890']);
    expect(states(statuses)).toEqual(['connected:/dev/hidraw3', 'absent:/dev/hidraw3', 'connected:/dev/hidraw3']);
  });

  it('never asks for devices more often than the backoff allows', async () => {
    const { backend, watcher } = harness({ backoff: { initialMs: 10, maxMs: 40 } });
    watcher.start();
    await sleep(200);
    // 0, 10, 30, 70, 110, 150, 190 ms: at most 7 enumerations in 200 ms (a loaded machine makes fewer, never more).
    expect(backend.listCalls.length).toBeLessThanOrEqual(7);
    expect(backend.listCalls.length).toBeGreaterThanOrEqual(2);
    expect(watcher.status).toMatchObject({ state: 'absent', message: expect.stringContaining('No barcode scanner found') as string });
  });

  it('rescan() looks at once instead of waiting for the next retry', async () => {
    const { backend, watcher } = harness({ backoff: { initialMs: 5000, maxMs: 5000 } });
    watcher.start();
    await waitFor('first look', () => backend.listCalls.length === 1);
    await sleep(20);
    backend.plug(HONEYWELL_HID_POS);
    watcher.rescan();
    await waitFor('connected after rescan', () => watcher.status.state === 'connected', 2000);
    expect(backend.listCalls.length).toBe(2);
  });

  it('drops the half of a code that was in flight when the cable came out', async () => {
    const { backend, watcher, scans } = harness();
    backend.plug(HONEYWELL_HID_POS);
    watcher.start();
    await waitFor('connected', () => watcher.status.state === 'connected');
    const [first] = hidPosReports('9'.repeat(80));
    backend.send(HONEYWELL_HID_POS.path, [first!]);
    backend.unplug(HONEYWELL_HID_POS.path);
    backend.plug(HONEYWELL_HID_POS);
    watcher.rescan();
    await waitFor('reconnected', () => backend.openConnections(HONEYWELL_HID_POS.path).length === 1);
    backend.send(HONEYWELL_HID_POS.path, hidPosReports('1234567890'));
    await sleep(60);
    expect(scans.map((s) => s.text)).toEqual(['1234567890']);
  });
});

describe('HID watcher with a keyboard-mode scanner', () => {
  // The system types such a scanner's keys into the window whoever else reads it: opening it as well would give every
  // code twice (once typed into the focused field, once as a scan).
  it('never opens a saved keyboard-mode scanner on any system, and tells the page to read its typing', async () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { backend, watcher, statuses } = harness({ settings: SAVED_ZEBRA, platform });
      backend.plug(ZEBRA_KEYBOARD_MODE, OFFICE_KEYBOARD);
      watcher.start();
      await waitFor('connected', () => watcher.status.state === 'connected');
      await sleep(30);
      expect(backend.connections).toHaveLength(0);
      expect(watcher.connectedDevices.map((d) => [d.path, d.mode, d.name])).toEqual([
        ['/dev/hidraw5', 'keyboard', 'Symbol Technologies, Inc, 2008 Symbol Bar Code Scanner'],
      ]);
      expect(watcher.status).toMatchObject({ state: 'connected', typingScanner: true });
      expect(statuses.at(-1)).toMatchObject({ state: 'connected', typingScanner: true });
      expect(statuses.at(-1)?.message).toContain('read as typing');
    }
  });

  it('sees it unplugged at its next look, and the page stops reading typing as scans', async () => {
    const { backend, watcher, statuses } = harness({ settings: SAVED_ZEBRA });
    backend.plug(ZEBRA_KEYBOARD_MODE);
    watcher.start();
    await waitFor('connected', () => watcher.status.state === 'connected');
    backend.unplug(ZEBRA_KEYBOARD_MODE.path);
    await waitFor('unplugged', () => watcher.status.state === 'absent');
    expect(statuses.at(-1)).toMatchObject({ state: 'absent', typingScanner: false });
    expect(statuses.at(-1)?.message).toContain('was disconnected');
    expect(watcher.status.typingScanner).toBe(false);
    backend.plug(ZEBRA_KEYBOARD_MODE);
    await waitFor('back', () => watcher.status.state === 'connected');
    expect(statuses.at(-1)).toMatchObject({ state: 'connected', typingScanner: true });
  });

  it('sees it go and come back by itself while a HID POS scanner is open (no connection fails to say so)', async () => {
    const { backend, watcher, statuses } = harness({ settings: SAVED_ZEBRA });
    backend.plug(ZEBRA_KEYBOARD_MODE, HONEYWELL_HID_POS);
    watcher.start();
    await waitFor('both', () => watcher.connectedDevices.length === 2);
    backend.unplug(ZEBRA_KEYBOARD_MODE.path);
    await waitFor('missed without a rescan', () => statuses.at(-1)?.typingScanner === false, 1000);
    // The whole watcher's status: the HID POS scanner still works, so the pill does not say "no scanner".
    expect(statuses.at(-1)).toMatchObject({ state: 'connected', device: { mode: 'hid-pos' } });
    backend.plug(ZEBRA_KEYBOARD_MODE);
    await waitFor('back without a rescan', () => statuses.at(-1)?.typingScanner === true, 1000);
    expect(watcher.connectedDevices.map((d) => d.mode).sort()).toEqual(['hid-pos', 'keyboard']);
  });

  it('stops looking once a HID POS scanner is back, even on another port: nothing is missed any more', async () => {
    const { backend, watcher } = harness();
    backend.plug(HONEYWELL_HID_POS);
    watcher.start();
    await waitFor('connected', () => watcher.status.state === 'connected');
    backend.unplug(HONEYWELL_HID_POS.path);
    await waitFor('absent', () => watcher.status.state === 'absent');
    backend.plug({ ...HONEYWELL_HID_POS, path: '/dev/hidraw7' });
    await waitFor('back on another port', () => watcher.status.state === 'connected', 1000);
    const looks = backend.listCalls.length;
    await sleep(400); // the backoff here tops out at 160 ms: a watcher still looking would list twice or more
    expect(backend.listCalls.length).toBe(looks);
  });

  it('a HID POS scanner Kaunter may not read is what the status says, even while a keyboard-mode one works', async () => {
    const { backend, watcher, statuses, logs } = harness({ settings: SAVED_ZEBRA });
    backend.plug(ZEBRA_KEYBOARD_MODE, HONEYWELL_HID_POS);
    backend.denyAccess(HONEYWELL_HID_POS.path, true);
    watcher.start();
    await waitFor('blocked', () => statuses.at(-1)?.state === 'no-permission');
    expect(statuses.at(-1)).toMatchObject({ device: { mode: 'hid-pos' }, typingScanner: true });
    expect(statuses.at(-1)?.message).toContain('70-kaunter-scanners.rules');
    await sleep(300); // retried meanwhile: logged once, not at every try
    expect(logs.filter((line) => line.includes('70-kaunter-scanners.rules'))).toHaveLength(1);
    backend.denyAccess(HONEYWELL_HID_POS.path, false);
    await waitFor('allowed', () => statuses.at(-1)?.state === 'connected' && statuses.at(-1)?.device?.mode === 'hid-pos', 1000);
  });

  it('a blocked HID POS scanner since unplugged no longer hides the keyboard-mode one that works', async () => {
    const { backend, watcher, statuses } = harness({ settings: SAVED_ZEBRA });
    backend.plug(ZEBRA_KEYBOARD_MODE, HONEYWELL_HID_POS);
    backend.denyAccess(HONEYWELL_HID_POS.path, true);
    watcher.start();
    await waitFor('blocked', () => statuses.at(-1)?.state === 'no-permission');
    backend.unplug(HONEYWELL_HID_POS.path);
    await waitFor('the keyboard-mode one again', () => statuses.at(-1)?.device?.mode === 'keyboard', 1000);
    expect(watcher.status).toMatchObject({ state: 'connected', typingScanner: true });
  });

  it('says a keyboard nobody saved is not a scanner: no typing is read as scans', async () => {
    const { backend, watcher, statuses } = harness();
    backend.plug(ZEBRA_KEYBOARD_MODE, OFFICE_KEYBOARD);
    watcher.start();
    await waitFor('a status', () => statuses.length > 0);
    expect(statuses.at(-1)).toMatchObject({ state: 'absent', typingScanner: false });
    expect(watcher.status.typingScanner).toBe(false);
  });

  it('prefers the HID POS interface when the same scanner offers both', async () => {
    const { backend, watcher } = harness({ settings: SAVED_ZEBRA });
    const hidPosInterface = { ...ZEBRA_KEYBOARD_MODE, path: '/dev/hidraw6', usagePage: 0x8c, usage: 0x02 };
    backend.plug(ZEBRA_KEYBOARD_MODE, hidPosInterface);
    watcher.start();
    await waitFor('connected', () => watcher.status.state === 'connected');
    await sleep(30);
    expect(watcher.connectedDevices.map((d) => [d.path, d.mode])).toEqual([['/dev/hidraw6', 'hid-pos']]);
  });
});

describe('HID watcher failures become statuses, never exceptions', () => {
  it('tells a Linux user without hidraw access to install the udev rule, then connects once allowed', async () => {
    const { backend, watcher, statuses } = harness();
    backend.plug(HONEYWELL_HID_POS);
    backend.denyAccess(HONEYWELL_HID_POS.path, true);
    watcher.start();
    await waitFor('no-permission', () => watcher.status.state === 'no-permission');
    expect(statuses[0]?.message).toContain('70-kaunter-scanners.rules');
    expect(statuses[0]?.message).toContain('udevadm');
    backend.denyAccess(HONEYWELL_HID_POS.path, false);
    await waitFor('connected after the rule', () => watcher.status.state === 'connected', 1000);
  });

  it('reports a missing HID library as unsupported', async () => {
    const backend = new FakeHidBackend();
    backend.libraryMissing = true;
    const { watcher } = harness({}, backend);
    watcher.start();
    await waitFor('unsupported', () => watcher.status.state === 'unsupported');
    expect(watcher.status.message).toContain('libusb');
  });

  it('survives a listener that throws: other listeners still get the scan, the device stays open', async () => {
    const { backend, watcher, scans, logs } = harness();
    const throwing = watcher.on('scan', () => {
      throw new Error('renderer went away');
    });
    backend.plug(HONEYWELL_HID_POS);
    watcher.start();
    await waitFor('connected', () => watcher.status.state === 'connected');
    backend.send(HONEYWELL_HID_POS.path, hidPosReports('1234567890'));
    throwing();
    backend.send(HONEYWELL_HID_POS.path, hidPosReports('2234567890'));
    expect(scans.map((s) => s.text)).toEqual(['1234567890', '2234567890']);
    expect(logs.some((line) => line.includes('renderer went away'))).toBe(true);
    expect(watcher.status.state).toBe('connected');
  });

  it('falls back to the default rules when handed settings that do not pass the schema', async () => {
    const broken = { ...SAVED_ZEBRA, identity: { ...SAVED_ZEBRA.identity, memberIdPattern: '(\\d+' } };
    const { backend, watcher, scans, logs } = harness({ settings: broken });
    expect(logs.join('\n')).toContain('memberIdPattern');
    backend.plug(HONEYWELL_HID_POS);
    watcher.start();
    await waitFor('connected', () => watcher.status.state === 'connected');
    backend.send(HONEYWELL_HID_POS.path, hidPosReports('1589736419203847563'));
    expect(scans[0]?.text).toBe('1589736419203847563');
  });

  it('stop() closes every device and leaves no timer behind', async () => {
    const { backend, watcher } = harness({ settings: SAVED_ZEBRA });
    backend.plug(HONEYWELL_HID_POS, ZEBRA_KEYBOARD_MODE);
    backend.denyAccess(ZEBRA_KEYBOARD_MODE.path, true); // keeps a retry timer running
    watcher.start();
    await waitFor('connected', () => watcher.status.state === 'connected');
    backend.send(HONEYWELL_HID_POS.path, [hidPosReports('9'.repeat(80))[0]!]); // leaves an idle timer running
    await watcher.stop();
    expect(watcher.status.state).toBe('absent');
    const calls = backend.listCalls.length;
    await sleep(120);
    expect(backend.listCalls.length).toBe(calls);
    expect(backend.connections.every((c) => c.closed)).toBe(true);
    watcher.rescan();
    watcher.start();
    await sleep(30);
    expect(backend.listCalls.length).toBe(calls);
  });
});
