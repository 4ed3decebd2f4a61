// Tells the core what the counter's screen shows, so it can derive the customer display's state: nothing, the amount
// being typed, or a finished sale's outcome (by the award's id: the core looks the award up itself). A claim QR the
// cashier closed is nothing; leaving the counter for the manager's screens is nothing too.
import { useEffect } from 'react';
import type { CounterView } from '../../app/contract.ts';
import { kaunter } from '../api.ts';
import { amountSenOf, useSaleStore, type SaleState } from '../stores/sale-store.ts';
import { useStatusStore } from '../stores/status-store.ts';

/** Typing an amount is not a message per key. */
const SETTLE_MS = 150;

export function counterViewOf(state: SaleState): CounterView {
  const outcome = state.phase === 'done' ? state.outcome : null;
  if (outcome) {
    const qrClosed = Boolean(outcome.award.qrCodeUrl) && state.qrDismissed;
    return qrClosed ? { kind: 'idle' } : { kind: 'award', awardId: outcome.award.id };
  }
  const amountSen = amountSenOf(state);
  return amountSen === null ? { kind: 'idle' } : { kind: 'sale', amountSen };
}

export function useCustomerDisplay(): void {
  useEffect(() => {
    let sent = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const send = (view: CounterView): void => {
      const text = JSON.stringify(view);
      if (text === sent) return;
      sent = text;
      void kaunter().display.counterView(view);
    };
    const follow = (state: SaleState): void => {
      clearTimeout(timer);
      timer = setTimeout(() => send(counterViewOf(state)), SETTLE_MS);
    };
    follow(useSaleStore.getState());
    const unsubscribe = useSaleStore.subscribe(follow);
    // A restarted core, or a host the page lost and found again, may know nothing of this screen: tell it again.
    const unsubscribeStatus = useStatusStore.subscribe((now, before) => {
      const restarted = now.core?.state === 'running' && now.core.restarts !== before.core?.restarts;
      const reconnected = now.connection === 'connected' && before.connection !== 'connected';
      if (!restarted && !reconnected) return;
      sent = '';
      follow(useSaleStore.getState());
    });
    return () => {
      unsubscribe();
      unsubscribeStatus();
      clearTimeout(timer);
      send({ kind: 'idle' });
    };
  }, []);
}
