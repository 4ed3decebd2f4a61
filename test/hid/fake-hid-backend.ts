// A HidBackend for unit tests: devices come and go as the test says, and open devices deliver the real report bytes
// of test/hid/scanner-reports.ts. Unplugging behaves like node-hid: the open device emits 'error' and stays silent.
import {
  HidOpenError,
  HidUnavailableError,
  type HidBackend,
  type HidConnection,
  type HidDeviceInfo,
} from '../../main/hid/backend.ts';

export const HONEYWELL_HID_POS: HidDeviceInfo = {
  path: '/dev/hidraw3',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  usagePage: 0x8c,
  usage: 0x02,
  manufacturer: 'Honeywell',
  product: 'Honeywell Voyager 1602g',
  serialNumber: '15232B1F0C',
};

export const ZEBRA_KEYBOARD_MODE: HidDeviceInfo = {
  path: '/dev/hidraw5',
  vendorId: 0x05e0,
  productId: 0x1200,
  usagePage: 0x01,
  usage: 0x06,
  manufacturer: 'Symbol Technologies, Inc, 2008',
  product: 'Symbol Bar Code Scanner',
  serialNumber: undefined,
};

export const OFFICE_KEYBOARD: HidDeviceInfo = {
  path: '/dev/hidraw0',
  vendorId: 0x046d,
  productId: 0xc31c,
  usagePage: 0x01,
  usage: 0x06,
  manufacturer: 'Logitech',
  product: 'USB Keyboard',
  serialNumber: undefined,
};

class FakeConnection implements HidConnection {
  private readonly dataListeners: Array<(report: Uint8Array) => void> = [];
  private readonly errorListeners: Array<(error: Error) => void> = [];
  closed = false;

  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }

  onData(listener: (report: Uint8Array) => void): void {
    this.dataListeners.push(listener);
  }

  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  deliver(report: Uint8Array): void {
    if (this.closed) return;
    for (const listener of this.dataListeners) listener(report);
  }

  fail(error: Error): void {
    if (this.closed) return;
    if (this.errorListeners.length === 0) throw new Error(`unhandled 'error' on ${this.path}: this would crash Electron`);
    for (const listener of this.errorListeners) listener(error);
  }
}

export class FakeHidBackend implements HidBackend {
  private devices: HidDeviceInfo[] = [];
  private readonly deniedPaths = new Set<string>();
  readonly connections: FakeConnection[] = [];
  /** When each list() call happened (performance.now()), to check the backoff. */
  readonly listCalls: number[] = [];
  libraryMissing = false;

  plug(...devices: HidDeviceInfo[]): void {
    this.devices.push(...devices);
  }

  /** The cable is pulled: the device leaves the list and its open connection errors, as node-hid reports it. */
  unplug(path: string): void {
    this.devices = this.devices.filter((device) => device.path !== path);
    for (const connection of this.openConnections(path)) connection.fail(new Error('could not read from HID device'));
  }

  denyAccess(path: string, denied: boolean): void {
    if (denied) this.deniedPaths.add(path);
    else this.deniedPaths.delete(path);
  }

  send(path: string, reports: Uint8Array[]): void {
    const open = this.openConnections(path);
    if (open.length === 0) throw new Error(`${path} is not open`);
    for (const report of reports) for (const connection of open) connection.deliver(report);
  }

  openConnections(path: string): FakeConnection[] {
    return this.connections.filter((connection) => connection.path === path && !connection.closed);
  }

  list(): Promise<HidDeviceInfo[]> {
    this.listCalls.push(performance.now());
    if (this.libraryMissing) {
      return Promise.reject(new HidUnavailableError('the USB HID library did not start (libusb-1.0.so.0: cannot open)'));
    }
    return Promise.resolve(this.devices.map((device) => ({ ...device })));
  }

  open(path: string): Promise<HidConnection> {
    if (!this.devices.some((device) => device.path === path)) {
      return Promise.reject(new HidOpenError('gone', `${path} no longer exists`));
    }
    if (this.deniedPaths.has(path)) {
      return Promise.reject(new HidOpenError('no-permission', `${path}: permission denied`));
    }
    const connection = new FakeConnection(path);
    this.connections.push(connection);
    return Promise.resolve(connection);
  }
}
