import { describe, expect, it } from 'vitest';
import { denyAllPermissions, type GuardedSession, type PermissionRequestHandler } from '../../main/security/permissions.ts';

const PERMISSIONS = ['media', 'geolocation', 'notifications', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'hid', 'serial', 'usb', 'fileSystem', 'window-management', 'unknown'];
const ORIGINS = ['app://kaunter', 'https://evil.example', 'http://127.0.0.1:5173', 'file://', 'null'];

class RecordingSession implements GuardedSession {
  request: PermissionRequestHandler | null = null;
  check: ((webContents: unknown, permission: string, requestingOrigin: string) => boolean) | null = null;
  device: ((details: unknown) => boolean) | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string, requestingOrigin: string) => boolean) | null): void {
    this.check = handler;
  }
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void {
    this.device = handler;
  }
}

describe('denyAllPermissions', () => {
  const session = new RecordingSession();
  denyAllPermissions(session);

  it('installs all three handlers (an unset one means Electron grants by default)', () => {
    expect(session.request).toBeTypeOf('function');
    expect(session.check).toBeTypeOf('function');
    expect(session.device).toBeTypeOf('function');
  });

  const ask = (url: string, permission: string): boolean[] => {
    const answers: boolean[] = [];
    session.request?.({ getURL: () => url }, permission, (granted) => answers.push(granted));
    return answers;
  };

  it('refuses every permission request, from our own origin too, except writing text to the clipboard', () => {
    for (const permission of PERMISSIONS) {
      expect(ask('app://kaunter/', permission), permission).toEqual([permission === 'clipboard-sanitized-write']);
    }
  });

  it('lets only our own page write to the clipboard (the public key\'s Copy button)', () => {
    for (const url of ['https://evil.example/', 'app://kaunter.evil/', 'file:///tmp/x.html', 'http://127.0.0.1:5173/', 'about:blank']) {
      expect(ask(url, 'clipboard-sanitized-write'), url).toEqual([false]);
    }
    expect(session.request?.(null, 'clipboard-sanitized-write', () => undefined)).toBeUndefined();
  });

  it('answers every permission check with no, except the clipboard write from app://kaunter', () => {
    for (const permission of PERMISSIONS) {
      for (const origin of ORIGINS) {
        const allowed = permission === 'clipboard-sanitized-write' && origin === 'app://kaunter';
        expect(session.check?.(null, permission, origin), `${permission} ${origin}`).toBe(allowed);
      }
    }
  });

  it('grants no HID, USB or serial device to the web page (the scanner is read in main)', () => {
    for (const deviceType of ['hid', 'usb', 'serial']) {
      expect(session.device?.({ deviceType, origin: 'app://kaunter', device: { vendorId: 0x0c2e } })).toBe(false);
    }
  });
});
