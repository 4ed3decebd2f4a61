// Which keyboard interfaces are likely barcode scanners. A scanner in keyboard mode describes itself to the system as
// a keyboard, exactly as the shop's own keyboard does, so Settings can only go by who made it and what it calls itself.
// A device that gives neither sign is still listed (cheap scanners often carry a chip maker's ID and no name), but
// apart, under the shop's other keyboards.
import type { HidDeviceInfo } from './backend.ts';

export const NEWLAND_VENDOR_ID = 0x1eab;

// USB vendor IDs of barcode-scanner makers, as usb.ids names them. None of them makes typing keyboards.
const SCANNER_MAKERS = new Set([
  0x0536, // Hand Held Products (Honeywell)
  0x05e0, // Symbol Technologies (Zebra)
  0x05f9, // PSC Scanning (Datalogic)
  0x065a, // Optoelectronics (Opticon)
  0x067e, // Intermec Technologies (Honeywell)
  0x080c, // Datalogic
  0x0a5f, // Zebra Technologies
  0x0c2e, // Metrologic Instruments (Honeywell)
  NEWLAND_VENDOR_ID, // Fujian Newland
  0x27dd, // Mindeo
]);

// "Barcode Scanner", "Bar Code Scanner", "BF SCAN", "2D Imager": words a typing keyboard does not call itself.
const SCANNER_WORDS = /scan|bar\s?code|imager/i;

export function looksLikeScanner(info: HidDeviceInfo): boolean {
  return SCANNER_MAKERS.has(info.vendorId) || SCANNER_WORDS.test(`${info.manufacturer ?? ''} ${info.product ?? ''}`);
}
