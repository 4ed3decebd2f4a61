// Where the desktop app puts the customer display's window (issue 13 part 1), with fake displays shaped as Electron's:
// on the chosen monitor, full screen; never on the counter's; none when that monitor is unplugged, and back when it is
// plugged in again; the choice remembered by the monitor's id.
import { describe, expect, it } from 'vitest';
import { CustomerDisplayWindows, type DisplayWindow } from '../../main/customer-display/controller.ts';
import { customerDisplayPlacement, displayHolding, monitorsOf, type Rectangle } from '../../main/customer-display/placement.ts';
import { CUSTOMER_PANEL, FakeScreen, LAPTOP, OTHER_MONITOR } from '../fixtures/fake-screen.ts';

const ON_LAPTOP: Rectangle = { x: 100, y: 50, width: 1280, height: 800 };

describe('placement, pure', () => {
  it('lists the monitors with their size and which holds the counter', () => {
    expect(monitorsOf([LAPTOP, CUSTOMER_PANEL], ON_LAPTOP)).toEqual([
      { id: LAPTOP.id, label: 'BOE 0x0A8E', width: 1920, height: 1080, counter: true },
      { id: CUSTOMER_PANEL.id, label: 'HDMI-1 10.1" Display', width: 1024, height: 600, counter: false },
    ]);
    expect(monitorsOf([{ ...LAPTOP, label: '', scaleFactor: 1.5, bounds: { x: 0, y: 0, width: 1280, height: 720 } }], null)[0]).toMatchObject({
      label: 'Display 1 (built in)',
      width: 1920,
      height: 1080,
    });
  });

  it('goes on the latest chosen monitor that is attached, never the counter\'s, and nowhere with one monitor', () => {
    expect(customerDisplayPlacement([LAPTOP, CUSTOMER_PANEL], ON_LAPTOP, [CUSTOMER_PANEL.id])?.bounds).toEqual({ x: 1920, y: 0, width: 1024, height: 600 });
    expect(customerDisplayPlacement([LAPTOP, CUSTOMER_PANEL, OTHER_MONITOR], ON_LAPTOP, [OTHER_MONITOR.id, CUSTOMER_PANEL.id])?.id).toBe(OTHER_MONITOR.id);
    expect(customerDisplayPlacement([LAPTOP, CUSTOMER_PANEL], ON_LAPTOP, [OTHER_MONITOR.id, CUSTOMER_PANEL.id])?.id).toBe(CUSTOMER_PANEL.id);
    expect(customerDisplayPlacement([LAPTOP, CUSTOMER_PANEL], ON_LAPTOP, [])).toBeNull();
    expect(customerDisplayPlacement([LAPTOP], ON_LAPTOP, [LAPTOP.id])).toBeNull();
    // The counter's window dragged onto the chosen monitor: no customer window on top of it.
    expect(customerDisplayPlacement([LAPTOP, CUSTOMER_PANEL], { x: 2000, y: 0, width: 900, height: 500 }, [CUSTOMER_PANEL.id])).toBeNull();
    expect(displayHolding([LAPTOP, CUSTOMER_PANEL], { x: 1800, y: 0, width: 400, height: 300 })?.id).toBe(CUSTOMER_PANEL.id);
  });
});

class FakeWindows {
  readonly opened: Rectangle[] = [];
  readonly events: string[] = [];
  open = (bounds: Rectangle): DisplayWindow => {
    this.opened.push(bounds);
    this.events.push(`open ${bounds.x}`);
    return {
      place: (next) => void this.events.push(`place ${next.x}`),
      close: () => void this.events.push('close'),
    };
  };
}

describe('the window, as monitors come and go', () => {
  it('opens on the chosen monitor, closes when it is unplugged, and comes back when it is plugged in again', () => {
    const screen = new FakeScreen(LAPTOP);
    const windows = new FakeWindows();
    const controller = new CustomerDisplayWindows(screen, () => ON_LAPTOP, windows.open);
    const monitorLists: number[][] = [];
    const port = controller.port;
    if (port.kind !== 'monitors') throw new Error('the desktop app lists monitors');
    port.onMonitors((monitors) => void monitorLists.push(monitors.map((monitor) => monitor.id)));
    port.show([CUSTOMER_PANEL.id]);
    expect(windows.events).toEqual([]);
    screen.plug(CUSTOMER_PANEL);
    expect(windows.events).toEqual(['open 1920']);
    expect(windows.opened).toEqual([CUSTOMER_PANEL.bounds]);
    screen.unplug(CUSTOMER_PANEL);
    expect(windows.events).toEqual(['open 1920', 'close']);
    screen.plug(OTHER_MONITOR);
    expect(windows.events).toEqual(['open 1920', 'close']);
    screen.plug({ ...CUSTOMER_PANEL, bounds: { ...CUSTOMER_PANEL.bounds, x: 3840 } });
    expect(windows.events).toEqual(['open 1920', 'close', 'open 3840']);
    expect(monitorLists.at(-1)).toEqual([LAPTOP.id, OTHER_MONITOR.id, CUSTOMER_PANEL.id]);
    controller.close();
    expect(windows.events.at(-1)).toBe('close');
  });
});
