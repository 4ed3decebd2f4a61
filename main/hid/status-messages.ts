// The sentences behind each scanner status: what happened, and what the cashier or manager can do about it.
import type { ScannerDevice, ScannerStatus } from '../../app/scanner/scanner-events.ts';
import { HidOpenError } from './backend.ts';

export const UDEV_RULE_FILE = '70-kaunter-scanners.rules';

export function connectedStatus(device: ScannerDevice): ScannerStatus {
  return { state: 'connected', device, message: `${device.name} is ready (HID POS mode).` };
}

export function noScannerStatus(): ScannerStatus {
  return {
    state: 'absent',
    message:
      'No barcode scanner found. Plug in a scanner set to USB HID POS mode, or save a keyboard-mode scanner in ' +
      'Settings so that Kaunter reads its typing as scans.',
  };
}

export function unpluggedStatus(device: ScannerDevice): ScannerStatus {
  return {
    state: 'absent',
    device,
    message: `${device.name} was disconnected. Kaunter reconnects by itself when it is plugged back in.`,
  };
}

export function typingScannerStatus(device: ScannerDevice): ScannerStatus {
  return {
    state: 'connected',
    device,
    message: `${device.name} is ready (keyboard mode): its codes are read as typing while Kaunter is in front.`,
  };
}

export function libraryUnavailableStatus(detail: string): ScannerStatus {
  return {
    state: 'unsupported',
    message: `Kaunter cannot use USB scanners on this computer: ${detail}. Choose keyboard mode in Settings to read a keyboard-mode scanner's typing.`,
  };
}

export function openFailedStatus(device: ScannerDevice, error: unknown, platform: NodeJS.Platform): ScannerStatus {
  const reason = error instanceof HidOpenError ? error.reason : 'failed';
  const detail = error instanceof Error ? error.message : String(error);
  if (reason === 'no-permission') {
    const fix =
      platform === 'linux'
        ? `Install Kaunter's scanner rule once: sudo cp ${UDEV_RULE_FILE} /etc/udev/rules.d/ && ` +
          'sudo udevadm control --reload-rules && sudo udevadm trigger, then unplug and replug the scanner.'
        : 'Allow Kaunter to use the device in the system settings, then unplug and replug the scanner.';
    return { state: 'no-permission', device, message: `Kaunter is not allowed to read ${device.name}. ${fix}` };
  }
  if (reason === 'gone') return unpluggedStatus(device);
  return {
    state: 'absent',
    device,
    message: `Kaunter could not open ${device.name} (${detail}). It will keep trying; unplug and replug it if this stays.`,
  };
}
