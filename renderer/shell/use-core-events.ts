// The core's push events, wired once into the stores for the life of the app.
import { useEffect } from 'react';
import { kaunter } from '../api.ts';
import { useManagerStore } from '../stores/manager-store.ts';
import { useSaleStore } from '../stores/sale-store.ts';
import { useStatusStore } from '../stores/status-store.ts';

export function useCoreEvents(): void {
  useEffect(() => {
    const api = kaunter();
    const unsubscribers = [
      api.on('queue.changed', (queue) => useStatusStore.getState().setQueue(queue)),
      api.on('scanner.status', (hid) => useStatusStore.getState().setHidScanner(hid)),
      api.on('award.updated', (award) => {
        useSaleStore.getState().awardUpdated(award);
        // A refusal is an award's last change, and the only one that moves the refused count (a new shift moves where
        // it counts from).
        if (award.state === 'REJECTED') void useStatusStore.getState().refreshRefused();
      }),
      api.on('queue.refusedChanged', (refused) => useStatusStore.getState().setRefused(refused)),
      api.on('award.slow', ({ id }) => useSaleStore.getState().awardSlow(id)),
      api.on('manager.locked', () => useManagerStore.getState().lockedByMain()),
      api.on('core.status', (core) => useStatusStore.getState().setCore(core)),
      api.on('host.connection', ({ state }) => useStatusStore.getState().setConnection(state)),
      api.on('shift.changed', ({ shift }) => {
        useStatusStore.getState().setShift(shift);
        void useStatusStore.getState().refreshRefused();
      }),
    ];
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, []);
}
