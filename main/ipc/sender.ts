// Every IPC handler first asks isTrustedSender: the message must come from the top frame of our own window, showing
// app://kaunter. A frame that navigated or was destroyed after sending shows up as a null senderFrame (or one whose
// properties throw "Render frame was disposed"); both are refused, never guessed at.
import { APP_ORIGIN, isAppUrl } from '../security/app-origin.ts';

/** The subset of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly origin: string;
  readonly parent: unknown;
  readonly detached?: boolean;
  isDestroyed?(): boolean;
}

/** The subset of IpcMainEvent / IpcMainInvokeEvent the check reads. */
export interface IpcSenderEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrame | null | undefined;
}

export function isTrustedFrame(frame: SenderFrame | null | undefined): boolean {
  if (frame === null || frame === undefined) return false;
  try {
    if (frame.isDestroyed?.() === true || frame.detached === true) return false;
    return frame.parent === null && frame.origin === APP_ORIGIN && isAppUrl(frame.url);
  } catch {
    return false;
  }
}

/** `trustedContentsId` is mainWindow.webContents.id: a message from any other WebContents is refused. */
export function isTrustedSender(event: IpcSenderEvent, trustedContentsId: number): boolean {
  try {
    return event.sender.id === trustedContentsId && isTrustedFrame(event.senderFrame);
  } catch {
    return false;
  }
}
