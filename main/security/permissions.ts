// Kaunter's UI needs one web permission: writing plain text to the clipboard (the "Copy" button beside the public key
// to paste into RM's Merchant Portal), and only from our own app://kaunter page. The scanner is read by node-hid in
// main and printing needs no permission. Every other permission request, check and device grant is refused.
import { APP_ORIGIN } from './app-origin.ts';

export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

/** The subset of Electron's Session the guard configures. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string, requestingOrigin: string) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

export const refusePermissionRequestButCopy: PermissionRequestHandler = (webContents, permission, callback) => {
  const url = (webContents as { getURL?: () => string } | null)?.getURL?.() ?? '';
  callback(permission === CLIPBOARD_WRITE && url.startsWith(`${APP_ORIGIN}/`));
};

export function refusePermissionCheck(_webContents: unknown, permission: string, requestingOrigin: string): boolean {
  return permission === CLIPBOARD_WRITE && requestingOrigin === APP_ORIGIN;
}

export function refuseDevicePermission(): boolean {
  return false;
}

export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler(refusePermissionRequestButCopy);
  session.setPermissionCheckHandler(refusePermissionCheck);
  session.setDevicePermissionHandler(refuseDevicePermission);
}
