// Head office from the app: where this terminal stands with its hub, joining one with a one-time code, and bringing a
// counter put back from a backup copy back in step with it.
import { HubJoinError } from '../sync/counter-hub.ts';
import { Refusal } from '../core/failure.ts';
import type { NamespaceHandlers } from './types.ts';

export const hubHandlers: NamespaceHandlers<'hub'> = {
  'hub.status': (core) => core.hubStatus(),
  'hub.join': async (core, { url, code }) => {
    const hub = core.headOffice;
    if (!hub) throw core.hubStatus().kind === 'merging' ? Refusal.say('NOT_ALLOWED', 'hub.merging') : Refusal.say('NOT_CONFIGURED', 'hub.switching');
    try {
      return await hub.join(url, code);
    } catch (error) {
      if (error instanceof HubJoinError) throw new Refusal('INVALID_INPUT', error.message, { key: error.key, params: error.params, field: 'code' });
      throw error;
    }
  },
  // The merge downloads the terminal's whole history: the manager who asked hears how far it has come. Their session
  // locks after five quiet minutes as ever (an unlocked screen must not wait unattended for as long as the merge takes):
  // what it did is kept (hub.lastMerge) for whoever unlocks.
  'hub.merge': (core, _input, caller) => core.mergeWithHub((awards, phase) => core.emit('hub.mergeProgress', { awards, phase }, caller.id)),
  'hub.lastMerge': (core) => core.lastMerge,
};
