// The core's scanner port over the HID watcher: a manager who plugs a scanner in and looks for it in Settings finds it
// read at once, not at the watcher's next try (up to 30 s away; node-hid has no plug events).
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCANNER_SETTINGS } from '../../app/scanner/scanner-settings.ts';
import { hidScannerPort, type HidScannerPort } from '../../main/hid/scanner-port.ts';
import { until } from '../fixtures/until.ts';
import { FakeHidBackend, HONEYWELL_HID_POS, OFFICE_KEYBOARD, ZEBRA_KEYBOARD_MODE } from '../hid/fake-hid-backend.ts';

let port: HidScannerPort | null = null;
afterEach(async () => {
  await port?.stop();
  port = null;
});

describe('the scanner port', () => {
  it('looking for scanners in Settings opens one just plugged in, without waiting for the next try', async () => {
    const backend = new FakeHidBackend();
    port = hidScannerPort(backend, { platform: 'linux', backoff: { initialMs: 60_000, maxMs: 60_000 } });
    port.configure(DEFAULT_SCANNER_SETTINGS);
    const scanner = port;
    await until(() => scanner.status().state === 'absent' && backend.listCalls.length === 1, 'the first look', 2_000);
    backend.plug(HONEYWELL_HID_POS);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(port.status().state).toBe('absent');

    const found = await port.devices();
    expect(found.map((device) => device.path)).toEqual([HONEYWELL_HID_POS.path]);
    // Well before the watcher's own next try (a minute here; half a second had the port's options no say in it).
    await until(() => scanner.status().state === 'connected', 'the scanner opened', 300);
  });

  it('lists HID POS scanners and keyboard interfaces for the manager to pick, named once', async () => {
    const backend = new FakeHidBackend();
    backend.plug(HONEYWELL_HID_POS, ZEBRA_KEYBOARD_MODE, OFFICE_KEYBOARD);
    port = hidScannerPort(backend, { platform: 'linux' });
    const found = await port.devices();
    expect(found.map((device) => [device.name, device.mode, device.plainKeyboard])).toEqual([
      ['Honeywell Voyager 1602g', 'hid-pos', false],
      ['Symbol Technologies, Inc, 2008 Symbol Bar Code Scanner', 'keyboard', false],
      ['Logitech USB Keyboard', 'keyboard', true],
    ]);
  });

  it('tells a keyboard-mode scanner from a plain keyboard by its maker, or by a scanner in its name', async () => {
    const keyboard = { ...OFFICE_KEYBOARD, manufacturer: undefined, product: undefined };
    const backend = new FakeHidBackend();
    backend.plug(
      { ...keyboard, path: '/dev/hidraw10', vendorId: 0x1eab, productId: 0x0d10 },
      { ...keyboard, path: '/dev/hidraw11', vendorId: 0x1a86, productId: 0xe026, product: 'BF SCAN SCAN KEYBOARD' },
      { ...keyboard, path: '/dev/hidraw12', vendorId: 0x0483, productId: 0x0011, product: '2D Barcode Imager' },
      { ...keyboard, path: '/dev/hidraw13', vendorId: 0x0483, productId: 0x5710 },
      { ...keyboard, path: '/dev/hidraw14', vendorId: 0x04d9, productId: 0x1603, manufacturer: ' ', product: 'USB Keyboard' },
    );
    port = hidScannerPort(backend, { platform: 'linux' });
    const found = await port.devices();
    expect(found.map((device) => [device.name, device.plainKeyboard])).toEqual([
      ['USB scanner 1eab:0d10', false],
      ['BF SCAN SCAN KEYBOARD', false],
      ['2D Barcode Imager', false],
      ['USB keyboard 0483:5710', true],
      ['USB Keyboard', true],
    ]);
  });
});
