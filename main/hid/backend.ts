// The seam between the HID watcher and the HID library: node-hid in the product, a fake that replays real scanner
// bytes in unit tests. Plain Node (no electron import) so the watcher runs and is tested outside Electron.

export interface HidDeviceInfo {
  /** Platform path to open (/dev/hidraw3 on Linux). One physical device can list several. */
  path: string;
  vendorId: number;
  productId: number;
  /** Top-level collection usage: 0x8C/0x02 is a HID POS barcode scanner, 0x01/0x06 a keyboard. */
  usagePage: number | undefined;
  usage: number | undefined;
  manufacturer: string | undefined;
  product: string | undefined;
  serialNumber: string | undefined;
}

export interface HidConnection {
  /** Input reports as the device sends them (report ID first when the device numbers its reports). */
  onData(listener: (report: Uint8Array) => void): void;
  /** The device failed, typically unplugged ("could not read from HID device"). No more data will come. */
  onError(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface HidBackend {
  list(): Promise<HidDeviceInfo[]>;
  /** Rejects with HidOpenError. */
  open(path: string): Promise<HidConnection>;
}

export type HidOpenFailure = 'no-permission' | 'gone' | 'failed';

export class HidOpenError extends Error {
  readonly reason: HidOpenFailure;
  constructor(
    reason: HidOpenFailure,
    message: string,
  ) {
    super(message);
    this.reason = reason;
    this.name = 'HidOpenError';
  }
}

/** The HID library itself cannot run here (native module missing, libusb not installed). */
export class HidUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HidUnavailableError';
  }
}
