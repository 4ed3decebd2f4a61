// The customer display: what the counter's screen shows (the core derives the display's state from it), and how a
// manager puts the display on a monitor (desktop) or pairs a page with it (browser host).
import { Refusal } from '../core/failure.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { displaySetup, withChoice } from '../display/monitors.ts';
import type { NamespaceHandlers } from './types.ts';

export const displayHandlers: NamespaceHandlers<'display'> = {
  'display.counterView': (core, view) => {
    core.display.show(view);
    return { ok: true };
  },

  'display.setup': (core) => setupOf(core),

  'display.chooseMonitor': (core, { monitorId }) => {
    const port = core.ports.customerDisplay;
    if (port?.kind !== 'monitors') throw Refusal.say('NOT_ALLOWED', 'display.pairedNotMonitor');
    const chosen = withChoice(core.settings.value.customerDisplay.monitorIds, monitorId, port.monitors());
    if ('refused' in chosen) throw Refusal.say('INVALID_INPUT', chosen.refused, {}, { field: 'monitorId' });
    core.settings.update((s) => ({ ...s, customerDisplay: { monitorIds: chosen } }));
    return setupOf(core);
  },

  'display.pairingCode': (core) => {
    const port = core.ports.customerDisplay;
    if (port?.kind !== 'pairing') {
      throw Refusal.say('NOT_ALLOWED', 'display.monitorNotPaired');
    }
    return port.pairingCode();
  },
};

function setupOf(core: KaunterCore) {
  return displaySetup(core.ports.customerDisplay, core.settings.value.customerDisplay.monitorIds);
}
