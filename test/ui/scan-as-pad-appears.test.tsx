// A scan the moment the PIN pad reaches the page is the pad's to refuse. The manager's screens load lazily: the first
// time they open, React puts them on the page in a render of its own and runs its effects a task later. A scan in that
// gap went to the shell's "scan not used", which the pad's claim then hid, and the pad never heard it (CI run R). This
// file opens the manager's screens once, so that first render is this test's; the scan listeners are layout effects,
// which run with the render.
import { screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { renderApp, setUp } from './harness.tsx';

const PHONE = { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '176473298' } as const;

it('a scan the moment the PIN pad is on the page is the pad\'s to refuse, not lost between the pad and the notice', async () => {
  const fake = setUp();
  // The earliest a scan can come: the first thing to run once React has put the pad on the page (a scan from main is
  // a task of its own, which can come before whatever React left for later).
  const appendChild = Reflect.get<Node, 'appendChild'>(Node.prototype, 'appendChild');
  const insertBefore = Reflect.get<Node, 'insertBefore'>(Node.prototype, 'insertBefore');
  const restore = (): void => {
    Node.prototype.appendChild = appendChild;
    Node.prototype.insertBefore = insertBefore;
  };
  const scannedAsThePadCame = new Promise<void>((resolve) => {
    const scanIfPad = (node: Node): void => {
      if (!(node instanceof Element) || !(node.matches('[data-testid=pin-pad]') || node.querySelector('[data-testid=pin-pad]'))) return;
      restore();
      queueMicrotask(() => {
        fake.emit('scan', { text: '0176473298', identity: PHONE, source: 'hid' });
        resolve();
      });
    };
    Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
      const appended = appendChild.call(this, node) as T;
      scanIfPad(node);
      return appended;
    };
    Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
      const inserted = insertBefore.call(this, node, child) as T;
      scanIfPad(node);
      return inserted;
    };
  });
  try {
    useNavStore.setState({ screen: 'manager' });
    renderApp();
    await scannedAsThePadCame;
  } finally {
    restore();
  }
  expect((await screen.findByTestId('pin-scan-refused')).textContent).toBe(
    'That was a scan, not the PIN: it was not tried, and the scan was not used. Type the PIN, or go back to the counter to scan.',
  );
  expect(screen.queryByTestId('scan-not-used')).toBeNull();
});
