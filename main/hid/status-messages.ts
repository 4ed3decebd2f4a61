// The sentences behind each scanner status: what happened, and what the cashier or manager can do about it.
import type { ScannerDevice, ScannerStatus } from '../../app/scanner/scanner-events.ts';
import { HidOpenError } from './backend.ts';

export const UDEV_RULE_FILE = '70-kaunter-scanners.rules';

export function connectedStatus(device: ScannerDevice): ScannerStatus {
  const how = device.mode === 'hid-pos' ? 'HID POS mode' : 'keyboard mode';
  return { state: 'connected', device, message: `${device.name} is ready (${how}).` };
}

export function noScannerStatus(): ScannerStatus {
  return {
    state: 'absent',
    message:
      'No barcode scanner found. Plug in a scanner set to USB HID POS mode, or save a keyboard-mode scanner in ' +
      'Settings. Keyboard-mode scanners also work as typing while Kaunter is in front.',
  };
}

export function unpluggedStatus(device: ScannerDevice): ScannerStatus {
  return {
    state: 'absent',
    device,
    message: `${device.name} was disconnected. Kaunter reconnects by itself when it is plugged back in.`,
  };
}

export function keyboardModeUnsupportedStatus(device: ScannerDevice, platform: NodeJS.Platform): ScannerStatus {
  const system = platform === 'darwin' ? 'macOS' : platform === 'win32' ? 'Windows' : 'this system';
  return {
    state: 'unsupported',
    device,
    message:
      `${device.name} is in USB keyboard mode, which ${system} keeps to itself. It still works as typing while ` +
      'Kaunter is in front; for reliable scans switch it to USB HID POS mode (scan that setting code in its manual).',
  };
}

export function libraryUnavailableStatus(detail: string): ScannerStatus {
  return {
    state: 'unsupported',
    message: `Kaunter cannot use USB scanners on this computer: ${detail}. Keyboard-mode scanners still work as typing.`,
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
