// The desktop app's customer display, wired: Electron's screen behind the screen port, the controller that opens the
// window on the chosen monitor, and each window as a caller with the role `display` (it hears the display's state; its
// calls are refused) that the IPC sender check knows while it is open.
import { screen, type BrowserWindow } from 'electron';
import type { CallerRegistry } from '../callers/caller-registry.ts';
import type { TrustedWindow } from '../ipc/channels.ts';
import { followWindow } from '../ipc/window-caller.ts';
import { CustomerDisplayWindows } from './controller.ts';
import { openCustomerDisplayWindow } from './display-window.ts';
import { electronScreenPort } from './screen-port.ts';

export interface CustomerDisplayWiring {
  preloadPath: string;
  devTools: boolean;
  /** The counter's window, whose monitor is never the customer's. */
  counterWindow: () => BrowserWindow | null;
  callers: CallerRegistry;
  /** The IPC sender check's list of our windows: the display's is added while it is open. */
  windows: TrustedWindow[];
  /** A window's page started over: the core forgets that caller. */
  restarted: (callerId: string) => void;
}

export function customerDisplayWindows(wiring: CustomerDisplayWiring): CustomerDisplayWindows {
  const follow = (window: BrowserWindow): void => {
    const contents = window.webContents;
    const trusted: TrustedWindow = { contentsId: contents.id, caller: followWindow(contents, 'display', wiring.callers, wiring.restarted) };
    wiring.windows.push(trusted);
    window.on('closed', () => wiring.windows.splice(wiring.windows.indexOf(trusted), 1));
  };
  return new CustomerDisplayWindows(
    electronScreenPort(screen),
    () => wiring.counterWindow()?.getBounds() ?? null,
    (bounds, onClosed) => openCustomerDisplayWindow({ preloadPath: wiring.preloadPath, devTools: wiring.devTools, onContents: follow }, bounds, onClosed),
  );
}
