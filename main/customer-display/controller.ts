// Keeps the customer display's window where the choice and the attached monitors say: opened full screen on the chosen
// monitor when it is attached, moved when the monitors change, closed when it is unplugged (or no longer chosen), and
// opened again when it is plugged in again. It is also the core's monitor port: the list for Settings, and the choice.
import type { CustomerDisplayPort, Monitor } from '../../app/core/ports.ts';
import { customerDisplayPlacement, monitorsOf, type Rectangle } from './placement.ts';
import type { ScreenPort } from './screen-port.ts';

/** The window as the controller handles it (Electron's BrowserWindow in main/customer-display/display-window.ts). */
export interface DisplayWindow {
  /** Full screen on the display with these bounds. */
  place(bounds: Rectangle): void;
  close(): void;
}

export type OpenDisplayWindow = (bounds: Rectangle, onClosed: () => void) => DisplayWindow;

export class CustomerDisplayWindows {
  private chosenIds: readonly number[] = [];
  private window: { handle: DisplayWindow; displayId: number; bounds: Rectangle } | null = null;
  private readonly stopWatching: () => void;
  private readonly listeners = new Set<(monitors: Monitor[]) => void>();

  private readonly screen: ScreenPort;
  /** Where the counter's own window is now (null while it has none). */
  private readonly counterWindow: () => Rectangle | null;
  private readonly open: OpenDisplayWindow;
  constructor(
    screen: ScreenPort,
    counterWindow: () => Rectangle | null,
    open: OpenDisplayWindow,
  ) {
    this.screen = screen;
    this.counterWindow = counterWindow;
    this.open = open;
    this.stopWatching = screen.onChange(() => {
      this.update();
      const monitors = this.monitors();
      this.listeners.forEach((listener) => listener(monitors));
    });
  }

  /** The core's side: the monitors for Settings, and the choice it keeps in settings. */
  get port(): CustomerDisplayPort {
    return {
      kind: 'monitors',
      monitors: () => this.monitors(),
      onMonitors: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
      show: (monitorIds) => {
        this.chosenIds = [...monitorIds];
        this.update();
      },
    };
  }

  /** The counter's window moved to another monitor, say. */
  update(): void {
    const target = customerDisplayPlacement(this.screen.displays(), this.counterWindow(), this.chosenIds);
    if (!target) {
      this.closeWindow();
      return;
    }
    if (!this.window) {
      const handle = this.open(target.bounds, () => {
        if (this.window?.handle === handle) this.window = null;
      });
      this.window = { handle, displayId: target.id, bounds: target.bounds };
      return;
    }
    if (this.window.displayId !== target.id || !sameBounds(this.window.bounds, target.bounds)) {
      this.window = { ...this.window, displayId: target.id, bounds: target.bounds };
      this.window.handle.place(target.bounds);
    }
  }

  close(): void {
    this.stopWatching();
    this.closeWindow();
  }

  private monitors(): Monitor[] {
    return monitorsOf(this.screen.displays(), this.counterWindow());
  }

  private closeWindow(): void {
    const window = this.window;
    this.window = null;
    window?.handle.close();
  }
}

function sameBounds(a: Rectangle, b: Rectangle): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
