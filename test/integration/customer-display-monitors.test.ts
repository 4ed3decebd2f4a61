// The desktop app's customer display chosen in Settings through the contract (issue 13 part 1): the monitors listed with
// their size, the choice kept in settings by the monitor's id, the window opened on it, closed when it is unplugged and
// opened again when it is plugged in again or Kaunter starts again; the counter's own monitor cannot be chosen. The
// same with the core in this process and in its own (the monitors cross its process boundary).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, Result } from '../../app/contract.ts';
import { CustomerDisplayWindows, type DisplayWindow } from '../../main/customer-display/controller.ts';
import type { Rectangle } from '../../main/customer-display/placement.ts';
import { makeCoreRig, makeProcessRig, type ContractRig } from '../fixtures/core-rig.ts';
import { CUSTOMER_PANEL, FakeScreen, LAPTOP } from '../fixtures/fake-screen.ts';
import { until } from '../fixtures/until.ts';

const MANAGER: Caller = { id: 'counter-window:1', role: 'counter' };
const ON_LAPTOP: Rectangle = { x: 0, y: 0, width: 1280, height: 800 };

type Make = (port: CustomerDisplayWindows['port'], folder: string) => Promise<ContractRig>;
const RIGS: Array<[string, Make]> = [
  ['in this process', (port, folder) => makeCoreRig({ customerDisplay: port }, folder)],
  ['in its own process', (port, folder) => makeProcessRig({ customerDisplay: port }, folder)],
];

let folder: string | null = null;
const open: ContractRig[] = [];
afterEach(async () => {
  for (const rig of open.splice(0)) await rig.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

function windowsOn(screen: FakeScreen): { controller: CustomerDisplayWindows; shown: () => number[] } {
  let showing: Rectangle | null = null;
  const controller = new CustomerDisplayWindows(screen, () => ON_LAPTOP, (bounds): DisplayWindow => {
    showing = bounds;
    return { place: (next) => void (showing = next), close: () => void (showing = null) };
  });
  return { controller, shown: () => (showing ? [showing.x, showing.width, showing.height] : []) };
}

async function value<T>(answer: Promise<Result<unknown>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

describe.each(RIGS)('the customer display on a monitor, with the core %s', (_where, make) => {
  it('is chosen in Settings, remembered by the monitor, and follows it out and back in', async () => {
    folder = mkdtempSync(join(tmpdir(), 'kaunter-monitors-'));
    const screen = new FakeScreen(LAPTOP, CUSTOMER_PANEL);
    const first = windowsOn(screen);
    const rig = await make(first.controller.port, folder);
    open.push(rig);
    expect(await value(rig.dispatchAs(MANAGER, 'display.setup', {}))).toEqual({
      kind: 'monitors',
      monitors: [
        { id: LAPTOP.id, label: 'BOE 0x0A8E', width: 1920, height: 1080, counter: true, chosen: false },
        { id: CUSTOMER_PANEL.id, label: 'HDMI-1 10.1" Display', width: 1024, height: 600, counter: false, chosen: false },
      ],
    });
    expect(first.shown()).toEqual([]);
    expect(await rig.dispatchAs(MANAGER, 'display.chooseMonitor', { monitorId: LAPTOP.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const chosen = await value<{ monitors: Array<{ chosen: boolean }> }>(rig.dispatchAs(MANAGER, 'display.chooseMonitor', { monitorId: CUSTOMER_PANEL.id }));
    expect(chosen.monitors.map((monitor) => monitor.chosen)).toEqual([false, true]);
    await until(() => first.shown().length > 0, 'the window on the customer panel');
    expect(first.shown()).toEqual([1920, 1024, 600]);
    expect((JSON.parse(readFileSync(join(folder, 'settings.json'), 'utf8')) as { customerDisplay: unknown }).customerDisplay).toEqual({ monitorIds: [CUSTOMER_PANEL.id] });

    screen.unplug(CUSTOMER_PANEL);
    expect(first.shown()).toEqual([]);
    expect(await value(rig.dispatchAs(MANAGER, 'display.setup', {}))).toMatchObject({ monitors: [{ id: LAPTOP.id, chosen: false }] });
    screen.plug(CUSTOMER_PANEL);
    expect(first.shown()).toEqual([1920, 1024, 600]);
    // (The host tells the core's process of the monitors before the next call, on the same channel.)
    expect(await value(rig.dispatchAs(MANAGER, 'display.setup', {}))).toMatchObject({ monitors: [{ id: LAPTOP.id }, { id: CUSTOMER_PANEL.id, chosen: true }] });

    // Kaunter starts again: the choice is in settings, so the window opens on that monitor by itself.
    await rig.close();
    open.splice(0);
    first.controller.close();
    const second = windowsOn(screen);
    open.push(await make(second.controller.port, folder));
    await until(() => second.shown().length > 0, 'the window after a restart');
    expect(second.shown()).toEqual([1920, 1024, 600]);
    // "No customer display" forgets the attached monitor.
    await value(open[0]?.dispatchAs(MANAGER, 'display.chooseMonitor', { monitorId: null }) ?? Promise.reject(new Error('no rig')));
    await until(() => second.shown().length === 0, 'the window to close');
    second.controller.close();
  });
});
