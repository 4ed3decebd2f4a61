// Which monitor the desktop app's customer display goes on, as Settings shows and changes it. Choices are remembered by
// the monitor's id, the latest first, so a chosen monitor that is unplugged and plugged in again gets the display back;
// the host places the window (main/customer-display/placement.ts).
import type { DisplaySetup } from '../contract.ts';
import type { CustomerDisplayPort, Monitor } from '../core/ports.ts';

/** What Settings shows: the monitors attached now and which is chosen, or that a page is paired by a code. */
export function displaySetup(port: CustomerDisplayPort | null | undefined, chosenIds: readonly number[]): DisplaySetup {
  if (port?.kind === 'pairing') return { kind: 'pairing' };
  const monitors = port?.monitors() ?? [];
  const chosen = chosenMonitor(monitors, chosenIds);
  return { kind: 'monitors', monitors: monitors.map((monitor) => ({ ...monitor, chosen: monitor.id === chosen })) };
}

/** The monitor the display goes on now: the latest chosen that is attached and is not the counter's own. */
export function chosenMonitor(monitors: readonly Monitor[], chosenIds: readonly number[]): number | null {
  return chosenIds.find((id) => monitors.some((monitor) => monitor.id === id && !monitor.counter)) ?? null;
}

/**
 * The remembered choices after a manager picks `monitorId` (it goes first), or none (null: the attached monitors are
 * no longer chosen; monitors not attached now keep their choice). The counter's own monitor cannot be chosen.
 */
export function withChoice(chosenIds: readonly number[], monitorId: number | null, attached: readonly Monitor[]): number[] | { refused: 'display.monitorGone' | 'display.monitorIsCounter' } {
  if (monitorId === null) return chosenIds.filter((id) => !attached.some((monitor) => monitor.id === id));
  const monitor = attached.find((candidate) => candidate.id === monitorId);
  if (!monitor) return { refused: 'display.monitorGone' };
  if (monitor.counter) return { refused: 'display.monitorIsCounter' };
  return [monitorId, ...chosenIds.filter((id) => id !== monitorId)].slice(0, 20);
}
