// Where the customer display's window goes: pure decisions over the displays attached now, tested with fake displays.
// The chosen monitors (the latest first, by Electron's display id) come from Settings; the window goes full screen on
// the first of them that is attached and is not the monitor the counter's own window is on. None: no window, and the
// counter's screen keeps showing the claim QR as it always does.
import type { Monitor } from '../../app/core/ports.ts';
import { chosenMonitor } from '../../app/display/monitors.ts';
import type { ScreenDisplay } from './screen-port.ts';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The display holding most of the counter's window (Electron's getDisplayMatching does the same). */
export function displayHolding(displays: readonly ScreenDisplay[], window: Rectangle | null): ScreenDisplay | null {
  if (!window) return null;
  let best: ScreenDisplay | null = null;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlap(display.bounds, window);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  return best;
}

/** The monitors as Settings lists them: a name, the size in pixels, and which one holds the counter. */
export function monitorsOf(displays: readonly ScreenDisplay[], counterWindow: Rectangle | null): Monitor[] {
  const counter = displayHolding(displays, counterWindow) ?? displays[0] ?? null;
  return displays.map((display, index) => ({
    id: display.id,
    label: display.label.trim() || `Display ${index + 1}${display.internal ? ' (built in)' : ''}`,
    width: Math.round(display.bounds.width * display.scaleFactor),
    height: Math.round(display.bounds.height * display.scaleFactor),
    counter: display.id === counter?.id,
  }));
}

/** The display the customer display's window goes full screen on, or null for no window. */
export function customerDisplayPlacement(displays: readonly ScreenDisplay[], counterWindow: Rectangle | null, chosenIds: readonly number[]): ScreenDisplay | null {
  const id = chosenMonitor(monitorsOf(displays, counterWindow), chosenIds);
  return displays.find((display) => display.id === id) ?? null;
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}
