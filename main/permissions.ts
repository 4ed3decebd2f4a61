// Kaunter's UI needs no web permission: printing and copying the public key go through the main process, and the
// scanner is read by node-hid in main. So every permission request, check and device grant is refused.

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

export const refusePermissionRequest: PermissionRequestHandler = (_webContents, _permission, callback) => {
  callback(false);
};

export function refusePermissionCheck(): boolean {
  return false;
}

export function refuseDevicePermission(): boolean {
  return false;
}

export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler(refusePermissionRequest);
  session.setPermissionCheckHandler(refusePermissionCheck);
  session.setDevicePermissionHandler(refuseDevicePermission);
}
