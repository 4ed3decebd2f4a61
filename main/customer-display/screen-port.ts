// Electron's `screen`, behind the little Kaunter needs of it: the displays attached now, and word when one is plugged
// in, unplugged or changed. Tests drive the same interface with fake displays shaped as Electron's Display objects.
import type { Rectangle } from './placement.ts';

/** The fields of Electron's Display that Kaunter reads (Electron gives more; they are ignored). */
export interface ScreenDisplay {
  id: number;
  label: string;
  bounds: Rectangle;
  scaleFactor: number;
  internal: boolean;
}

export interface ScreenPort {
  displays(): ScreenDisplay[];
  onChange(listener: () => void): () => void;
}

/** The subset of Electron's `screen` module used here. */
export interface ElectronScreen {
  getAllDisplays(): ScreenDisplay[];
  on(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
  off(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
}

const EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'] as const;

export function electronScreenPort(screen: ElectronScreen): ScreenPort {
  return {
    displays: () => screen.getAllDisplays(),
    onChange(listener) {
      for (const event of EVENTS) screen.on(event, listener);
      return () => EVENTS.forEach((event) => screen.off(event, listener));
    },
  };
}
