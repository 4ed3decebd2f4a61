// HidBackend on node-hid's async API (HID.devicesAsync, HID.HIDAsync.open): reads run on node-hid's own thread,
// so a slow device never blocks the main process.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { HIDAsync, devicesAsync, type Device } from 'node-hid';
import {
  HidOpenError,
  HidUnavailableError,
  type HidBackend,
  type HidConnection,
  type HidDeviceInfo,
} from './backend.ts';

export class NodeHidBackend implements HidBackend {
  private readonly platform: NodeJS.Platform;
  constructor(platform: NodeJS.Platform = process.platform) {
    this.platform = platform;
  }

  async list(): Promise<HidDeviceInfo[]> {
    let devices: Device[];
    try {
      devices = await devicesAsync();
    } catch (error) {
      // The native part did not load: no prebuilt binary for this system, or libusb/libudev missing.
      throw new HidUnavailableError(`the USB HID library did not start (${errorText(error)})`);
    }
    return devices.flatMap((device) => (device.path ? [toInfo(device, device.path)] : []));
  }

  async open(path: string): Promise<HidConnection> {
    try {
      return new NodeHidConnection(await HIDAsync.open(path));
    } catch (error) {
      throw await classifyOpenFailure(path, error, this.platform);
    }
  }
}

class NodeHidConnection implements HidConnection {
  private readonly errorListeners: Array<(error: Error) => void> = [];

  private readonly device: HIDAsync;
  constructor(device: HIDAsync) {
    this.device = device;
    // Listening from the first moment: an 'error' event with no listener would crash the whole process.
    device.on('error', (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(errorText(error));
      for (const listener of this.errorListeners) listener(failure);
    });
  }

  onData(listener: (report: Uint8Array) => void): void {
    this.device.on('data', (data: Buffer) => listener(data));
  }

  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }

  async close(): Promise<void> {
    try {
      await this.device.close();
    } catch {
      // Closing a device that is already unplugged fails; it is closed either way.
    }
  }
}

function toInfo(device: Device, path: string): HidDeviceInfo {
  return {
    path,
    vendorId: device.vendorId,
    productId: device.productId,
    usagePage: device.usagePage,
    usage: device.usage,
    manufacturer: device.manufacturer || undefined,
    product: device.product || undefined,
    serialNumber: device.serialNumber || undefined,
  };
}

/** hidapi's own message ("Failed to open a device with path…") does not say why; on Linux the hidraw node does. */
async function classifyOpenFailure(path: string, error: unknown, platform: NodeJS.Platform): Promise<HidOpenError> {
  const detail = errorText(error);
  if (platform !== 'linux' || !path.startsWith('/dev/')) return new HidOpenError('failed', detail);
  try {
    await access(path, constants.R_OK | constants.W_OK);
    return new HidOpenError('failed', detail);
  } catch (accessError) {
    const code = (accessError as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return new HidOpenError('no-permission', `${path}: permission denied`);
    if (code === 'ENOENT') return new HidOpenError('gone', `${path} no longer exists`);
    return new HidOpenError('failed', detail);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
