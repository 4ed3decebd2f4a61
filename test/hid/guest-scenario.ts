// The real-device test, run inside the QEMU guest by the host's own node (which runs TypeScript itself): two uhid scanners (HID POS and keyboard mode),
// the REAL watcher on the REAL node-hid backend, codes sent as the scanners send them, unplug and replug. The
// keyboard-mode scanner is never opened (the page reads its typing); the guest proves it is seen, not read.
// Prints one `KAUNTER-HID-CHECK ok|FAIL <name>` line per check and a final `KAUNTER-HID-VERDICT PASS|FAIL n/m` line,
// which test/integration/hid-qemu.test.ts reads from the serial console.
import { existsSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { devicesAsync } from 'node-hid';
import { identifyScan } from '../../app/scanner/member-identity.ts';
import type { ScanEvent, ScannerStatus } from '../../app/scanner/scanner-events.ts';
import { scannerSettingsSchema } from '../../app/scanner/scanner-settings.ts';
import { NodeHidBackend } from '../../main/hid/node-backend.ts';
import { HidWatcher } from '../../main/hid/watcher.ts';
import { hidPosReports, keyboardReports } from './scanner-reports.ts';
import { readRules, runHidPosMatcher } from './udev-rule.ts';
import { BOOT_KEYBOARD_DESCRIPTOR, HID_POS_SCANNER_DESCRIPTOR, UhidDevice, type UhidSpec } from './uhid-device.ts';

const SCENARIO_DEADLINE_MS = 120_000;
const WAIT_MS = 15_000;
const MEMBER = '1589736419203847563';

const HID_POS_SCANNER: UhidSpec = {
  name: 'Honeywell Voyager 1602g',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  serial: '15232B1F0C',
  descriptor: HID_POS_SCANNER_DESCRIPTOR,
};
const KEYBOARD_SCANNER: UhidSpec = {
  name: 'Zebra DS2208 keyboard mode',
  vendorId: 0x05e0,
  productId: 0x1200,
  serial: 'S20123',
  descriptor: BOOT_KEYBOARD_DESCRIPTOR,
};

let passed = 0;
let failed = 0;

function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passed += 1;
  else failed += 1;
  const at = `[${(performance.now() / 1000).toFixed(1)} s]`;
  console.log(`KAUNTER-HID-CHECK ${ok ? 'ok' : 'FAIL'} ${name} ${at}${detail ? ` -- ${detail}` : ''}`);
}

function verdict(): void {
  console.log(`KAUNTER-HID-VERDICT ${failed === 0 && passed > 0 ? 'PASS' : 'FAIL'} ${passed}/${passed + failed}`);
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** True when this process holds the hidraw node open (every open file is a link in /proc/self/fd). */
function heldOpen(path: string | undefined): boolean {
  return readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });
}

const isDevice = (spec: UhidSpec) => (d: { vendorId: number; productId: number }) =>
  d.vendorId === spec.vendorId && d.productId === spec.productId;

/** The udev rule's HID POS matcher, on the report descriptors the kernel really exposes in sysfs. */
function checkUdevMatcher(hidPosPath: string | undefined, keyboardPath: string | undefined): void {
  const rules = readRules();
  const descriptorOf = (path: string | undefined): string =>
    `${realpathSync(`/sys/class/hidraw/${basename(path ?? 'missing')}`)}/device/report_descriptor`;
  const hidPosStatus = hidPosPath ? runHidPosMatcher(rules, descriptorOf(hidPosPath)) : null;
  const keyboardStatus = keyboardPath ? runHidPosMatcher(rules, descriptorOf(keyboardPath)) : null;
  check('the udev rule matches the HID POS scanner and not the keyboard', hidPosStatus === 0 && keyboardStatus === 1, `${hidPosStatus}/${keyboardStatus}`);
}

async function run(): Promise<void> {
  check('/dev/uhid exists (uhid module loaded)', existsSync('/dev/uhid'));
  let hidPos = UhidDevice.plug(HID_POS_SCANNER);
  let keyboard = UhidDevice.plug(KEYBOARD_SCANNER);

  const listed = await waitFor(async () => {
    const devices = await devicesAsync();
    return devices.some(isDevice(HID_POS_SCANNER)) && devices.some(isDevice(KEYBOARD_SCANNER));
  });
  const devices = await devicesAsync();
  const posEntry = devices.find(isDevice(HID_POS_SCANNER));
  check('node-hid lists both uhid scanners', listed, JSON.stringify(devices.map((d) => [d.path, d.usagePage, d.usage])));
  check('the HID POS scanner shows usage page 0x8C usage 2', posEntry?.usagePage === 0x8c && posEntry.usage === 0x02);
  checkUdevMatcher(posEntry?.path, devices.find(isDevice(KEYBOARD_SCANNER))?.path);

  const settings = scannerSettingsSchema.parse({
    savedScanners: [{ vendorId: KEYBOARD_SCANNER.vendorId, productId: KEYBOARD_SCANNER.productId }],
  });
  const watcher = new HidWatcher({
    backend: new NodeHidBackend(),
    settings,
    platform: 'linux',
    backoff: { initialMs: 250, maxMs: 2000 },
    log: (message) => console.log(`watcher: ${message}`),
  });
  const scans: ScanEvent[] = [];
  const statuses: ScannerStatus[] = [];
  watcher.on('scan', (scan) => scans.push(scan));
  watcher.on('status', (status) => {
    statuses.push(status);
    console.log(`status: ${status.state} ${status.device?.path ?? ''} ${status.message}`);
  });
  const connectedModes = (): string[] => watcher.connectedDevices.map((d) => d.mode).sort();
  const scanned = async (count: number): Promise<boolean> => waitFor(() => scans.length >= count, 5000);
  // What the core makes of a scan (it reads the text the watcher delivers as a member): the device path must deliver
  // text the core reads right.
  const identityOf = (scan: ScanEvent | undefined) => (scan ? identifyScan(scan.text, settings.identity) : null);

  watcher.start();
  check('the watcher takes both scanners', await waitFor(() => connectedModes().join() === 'hid-pos,keyboard'), connectedModes().join());
  const keyboardPath = watcher.connectedDevices.find((d) => d.mode === 'keyboard')?.path;
  const openedPath = watcher.connectedDevices.find((d) => d.mode === 'hid-pos')?.path;
  // The kernel types a keyboard-mode scanner's keys into the window whoever else reads it: holding its hidraw node too
  // would give every code twice.
  check(
    'the keyboard-mode scanner is not opened (the HID POS one is), only reported for the page',
    heldOpen(openedPath) && !heldOpen(keyboardPath) && watcher.status.typingScanner === true,
    `${openedPath} ${keyboardPath}`,
  );

  hidPos.send(hidPosReports(MEMBER));
  await scanned(1);
  check('HID POS member ID scan', identityOf(scans[0])?.type === 'ID' && scans[0]?.symbology === ']Q1', JSON.stringify(scans[0]));

  const link = `https://loyalty.revenuemonster.my/member/${MEMBER}?utm_source=member-card&utm_medium=qr&campaign=counter`;
  hidPos.send(hidPosReports(link));
  await scanned(2);
  check('HID POS link over several reports', JSON.stringify(identityOf(scans[1])) === JSON.stringify({ type: 'ID', memberId: MEMBER }), scans[1]?.text);

  keyboard.send(keyboardReports('0172826990\n'));
  const readTyping = await waitFor(() => scans.length > 2, 1500);
  check('keyboard-mode typing is left to the page: the watcher makes no scan of it', !readTyping, JSON.stringify(scans[2]));

  hidPos.unplug();
  const noticed = await waitFor(() => connectedModes().join() === 'keyboard');
  check('unplugging the HID POS scanner is noticed', noticed, connectedModes().join());
  // The watcher's status as a whole: a scanner still works, so the status bar does not say "no scanner".
  const meanwhile = statuses.at(-1);
  check('the keyboard-mode scanner is reported meanwhile', meanwhile?.state === 'connected' && meanwhile.device?.mode === 'keyboard' && meanwhile.typingScanner === true, meanwhile?.message);

  hidPos = UhidDevice.plug(HID_POS_SCANNER);
  check('the watcher reopens the replugged HID POS scanner on its own', await waitFor(() => connectedModes().includes('hid-pos')));
  hidPos.send(hidPosReports('9876543210123'));
  await scanned(3);
  check('scanning resumes after the replug', scans[2]?.text === '9876543210123', scans[2]?.text);

  keyboard.unplug();
  await waitFor(async () => !(await devicesAsync()).some(isDevice(KEYBOARD_SCANNER)), 5000);
  watcher.rescan();
  const missed = await waitFor(() => statuses.at(-1)?.typingScanner === false && !connectedModes().includes('keyboard'));
  check('the unplugged keyboard-mode scanner is missed at the next look (host called rescan())', missed);
  keyboard = UhidDevice.plug(KEYBOARD_SCANNER);
  await waitFor(async () => (await devicesAsync()).some(isDevice(KEYBOARD_SCANNER)), 5000);
  watcher.rescan();
  check('the replugged keyboard-mode scanner is reported again', await waitFor(() => connectedModes().includes('keyboard') && watcher.status.typingScanner === true, 5000));

  await watcher.stop();
  check('stop() closes the scanners', watcher.connectedDevices.length === 0);
  keyboard.unplug();
  await checkWithoutPermission();
  hidPos.unplug();
}

/**
 * Last, because it cannot be undone: as an ordinary user (nobody), without the udev rule, /dev/hidrawN (root, 0600)
 * cannot be opened, and the watcher must say so and name the fix. The uhid device stays pluggable: its fd is open.
 */
async function checkWithoutPermission(): Promise<void> {
  if (!process.setgid || !process.setuid) {
    check('this node can drop root privileges', false, 'process.setuid is missing');
    return;
  }
  process.setgid(65534);
  process.setuid(65534);
  const watcher = new HidWatcher({ backend: new NodeHidBackend(), platform: 'linux', backoff: { initialMs: 250, maxMs: 2000 } });
  watcher.start();
  const denied = await waitFor(() => watcher.status.state === 'no-permission');
  check('an ordinary user without the udev rule gets no-permission', denied, watcher.status.message);
  check('the no-permission message names the udev rule', /70-kaunter-scanners\.rules.*udevadm/.test(watcher.status.message));
  await watcher.stop();
}

const deadline = setTimeout(() => {
  check('the scenario finishes in time', false, `still running after ${SCENARIO_DEADLINE_MS} ms`);
  verdict();
  process.exit(1);
}, SCENARIO_DEADLINE_MS);

try {
  await run();
} catch (error) {
  check('the scenario runs without throwing', false, error instanceof Error ? (error.stack ?? error.message) : String(error));
}
clearTimeout(deadline);
verdict();
process.exitCode = failed === 0 ? 0 : 1;
