// Shared set-up for the component tests: a fresh fake core on window.kaunter, fresh stores, English, and cleanup.
import { act, cleanup, configure, render, type RenderResult } from '@testing-library/react';
import { afterEach } from 'vitest';
import { App } from '../../renderer/App.tsx';
import { initI18n } from '../../renderer/i18n/i18n.ts';
import { initialManager, useManagerStore } from '../../renderer/stores/manager-store.ts';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { useHubStore } from '../../renderer/stores/hub-store.ts';
import { freshSale, useSaleStore } from '../../renderer/stores/sale-store.ts';
import { initialShift, useShiftStore } from '../../renderer/stores/shift-store.ts';
import { initialStatus, useStatusStore } from '../../renderer/stores/status-store.ts';
import type { EventPayload } from '../../app/contract.ts';
import { FakeKaunter, type FakeOptions } from './fake-kaunter.ts';

// The first render of a file imports and lays out the whole app; on a machine shared with other work that alone can
// pass Testing Library's 1 s default (the review test's first findByTestId once saw only "Loading…"). A wait that
// succeeds returns as soon as it does, so a longer ceiling slows nothing but a failure.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  delete window.kaunter;
});

export function setUp(options: FakeOptions = {}): FakeKaunter {
  const fake = new FakeKaunter(options).install();
  const i18n = initI18n('en');
  void i18n.changeLanguage('en');
  useSaleStore.setState(freshSale());
  useStatusStore.setState(initialStatus);
  useManagerStore.setState(initialManager);
  useShiftStore.setState(initialShift);
  useHubStore.setState({ status: null });
  useNavStore.setState({ screen: 'counter', managerTab: 'history', historyShift: null });
  return fake;
}

export function renderApp(): RenderResult {
  return render(<App />);
}

/** Let pending promises and React updates settle. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/** A scan from the HID scanner, as main sends it: in a task of its own, after what the page had under way. */
export async function hidScan(fake: FakeKaunter, text: string, identity: EventPayload<'scan'>['identity']): Promise<void> {
  await settle();
  act(() => fake.emit('scan', { text, identity, source: 'hid' }));
}
