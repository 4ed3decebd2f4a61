// Which of the listed HID interfaces are the shop's scanners, and how each one's codes arrive.
//
// A HID POS interface (usage page 0x8C) is a scanner by definition, and Kaunter opens it. A keyboard interface (usage
// page 1, usage 6) is a scanner only when the shop saved that vendor/product ID, because every real keyboard looks the
// same, and only when the same device does not also offer a HID POS interface (the better of the two). It is never
// opened: its keys reach the window as typing (see watcher.ts).
import { HID_POS_USAGE_PAGE, type HidPosLayout } from '../../app/scanner/hid-pos.ts';
import type { ScannerDevice } from '../../app/scanner/scanner-events.ts';
import type { SavedScanner } from '../../app/scanner/scanner-settings.ts';
import type { HidDeviceInfo } from './backend.ts';
import { NEWLAND_VENDOR_ID } from './scanner-makers.ts';

export interface ScannerCandidate {
  device: ScannerDevice;
  hidPosLayout: HidPosLayout;
}

export interface ScannerSelection {
  savedScanners: readonly SavedScanner[];
  openAnyHidPosScanner: boolean;
}

// Application collections of the Bar Code Scanner page: badge reader, scanner, dumb scanner, cordless base, cradle.
const HID_POS_SCANNER_USAGES = new Set([0x01, 0x02, 0x03, 0x04, 0x05]);
const GENERIC_DESKTOP_PAGE = 0x01;
const KEYBOARD_USAGE = 0x06;

export function findScannerCandidates(devices: readonly HidDeviceInfo[], selection: ScannerSelection): ScannerCandidate[] {
  // hidapi lists one entry per top-level collection; several can share one path (one interface, one hidraw node).
  const byPath = new Map<string, HidDeviceInfo[]>();
  for (const device of devices) byPath.set(device.path, [...(byPath.get(device.path) ?? []), device]);

  const hidPosModels = new Set<string>();
  for (const entries of byPath.values()) {
    if (entries.some(isHidPos)) hidPosModels.add(modelKey(entries[0]));
  }

  const candidates: ScannerCandidate[] = [];
  for (const [path, entries] of byPath) {
    const first = entries[0];
    if (!first) continue;
    const saved = selection.savedScanners.find((s) => s.vendorId === first.vendorId && s.productId === first.productId);
    if (entries.some(isHidPos) && (saved || selection.openAnyHidPosScanner)) {
      candidates.push(candidate(path, first, 'hid-pos', saved));
    } else if (entries.some(isKeyboard) && saved && !hidPosModels.has(modelKey(first))) {
      candidates.push(candidate(path, first, 'keyboard', saved));
    }
  }
  return candidates.sort((a, b) => a.device.path.localeCompare(b.device.path));
}

function isHidPos(device: HidDeviceInfo): boolean {
  return device.usagePage === HID_POS_USAGE_PAGE && HID_POS_SCANNER_USAGES.has(device.usage ?? -1);
}

function isKeyboard(device: HidDeviceInfo): boolean {
  return device.usagePage === GENERIC_DESKTOP_PAGE && device.usage === KEYBOARD_USAGE;
}

function modelKey(device: HidDeviceInfo | undefined): string {
  return device ? `${device.vendorId}:${device.productId}:${device.serialNumber ?? ''}` : '';
}

function candidate(
  path: string,
  info: HidDeviceInfo,
  mode: ScannerDevice['mode'],
  saved: SavedScanner | undefined,
): ScannerCandidate {
  return {
    device: { path, vendorId: info.vendorId, productId: info.productId, name: deviceName(info, saved), mode },
    hidPosLayout: saved?.hidPosLayout ?? (info.vendorId === NEWLAND_VENDOR_ID ? 'data-first' : 'symbology-first'),
  };
}

/** The saved label, else the device's own names, else `unnamed` and its USB IDs ("USB scanner 0c2e:0b61"). */
export function deviceName(info: HidDeviceInfo, saved?: SavedScanner, unnamed = 'USB scanner'): string {
  if (saved?.label) return saved.label;
  const manufacturer = info.manufacturer?.trim() ?? '';
  const product = info.product?.trim() ?? '';
  if (product && manufacturer && !product.toLowerCase().startsWith(manufacturer.toLowerCase())) {
    return `${manufacturer} ${product}`;
  }
  if (product || manufacturer) return product || manufacturer;
  return `${unnamed} ${hex4(info.vendorId)}:${hex4(info.productId)}`;
}

function hex4(id: number): string {
  return id.toString(16).padStart(4, '0');
}
