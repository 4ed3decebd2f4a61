// What the HID watcher tells its host (Electron main, then the core and the renderer): types only.

/** How a scanner sends its codes: as HID POS reports Kaunter reads, or as keys the system types into the window. */
export type ScannerMode = 'hid-pos' | 'keyboard';

export interface ScannerDevice {
  path: string;
  vendorId: number;
  productId: number;
  /** "Honeywell Voyager 1602g", or "USB scanner 0c2e:0b61" when the device gives no names. */
  name: string;
  mode: ScannerMode;
}

/** A device Settings lists for the manager to pick. */
export interface FoundDevice extends ScannerDevice {
  /**
   * A keyboard interface with no sign of being a scanner (no scanner maker's ID, no scanner in its name): most likely
   * a keyboard people type on, though a cheap scanner in keyboard mode can look the same.
   */
  plainKeyboard: boolean;
}

export type ScannerState = 'connected' | 'absent' | 'no-permission' | 'unsupported';

export interface ScannerStatus {
  state: ScannerState;
  device?: ScannerDevice;
  /** A sentence for the cashier or manager: what is going on and what to do. */
  message: string;
  /**
   * A saved keyboard-mode scanner is plugged in, whichever device this status is about: its codes arrive as typing,
   * and the page reads them as scans. Absent means no.
   */
  typingScanner?: boolean;
}

export interface ScanEvent {
  /** The cleaned scanned text (control characters, prefix and suffix removed); the core reads it as a member. */
  text: string;
  device: ScannerDevice;
  /** AIM symbology identifier ("]Q1" = QR) or the vendor's code when the scanner sends one; "" otherwise. */
  symbology: string;
}
