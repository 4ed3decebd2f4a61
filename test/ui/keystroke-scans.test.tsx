// Keyboard-mode scanners in the page: keys closer than 55 ms (the shop can set it) ending in Enter are a scan (read by the core's
// scanner.parse); a person's typing is left alone. HID scans arrive as the core's `scan` event. No field needs focus.
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCANNER_SETTINGS } from '../../app/scanner/scanner-settings.ts';
import { useSaleStore } from '../../renderer/stores/sale-store.ts';
import { useStatusStore } from '../../renderer/stores/status-store.ts';
import en from '../../renderer/i18n/en.json';
import { hidScan, renderApp, setUp, settle } from './harness.tsx';

const MEMBER_ID = '6190354873541245312';

interface Typed {
  defaultPrevented: boolean[];
}

/** Keydowns as a browser reports them, with their timeStamp; capitals come after a Shift keydown, as scanners do. */
function typeKeys(target: EventTarget, text: string, gapMs: number, start = 10_000): Typed {
  const defaultPrevented: boolean[] = [];
  let at = start;
  const press = (key: string): void => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: at });
    target.dispatchEvent(event);
    defaultPrevented.push(event.defaultPrevented);
  };
  for (const key of [...text, 'Enter']) {
    if (key.length === 1 && key !== key.toLowerCase()) press('Shift');
    press(key);
    at += gapMs;
  }
  return { defaultPrevented };
}

async function counterWithFocusOnBody() {
  renderApp();
  await screen.findByLabelText('Amount');
  (document.activeElement as HTMLElement | null)?.blur();
}

describe('keyboard-mode scanner', () => {
  it('a burst at scanner speed is a scan: read by the core, the member filled in, the keys swallowed', async () => {
    const fake = setUp();
    await counterWithFocusOnBody();
    let typed: Typed = { defaultPrevented: [] };
    act(() => {
      typed = typeKeys(document.body, MEMBER_ID, 8);
    });
    await waitFor(() => expect(useSaleStore.getState().member).toEqual({ type: 'ID', memberId: MEMBER_ID }));
    expect(fake.callsOf('scanner.parse')).toEqual([{ text: MEMBER_ID }]);
    expect(typed.defaultPrevented[0]).toBe(false);
    expect(typed.defaultPrevented.slice(1).every(Boolean)).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Member ID').value).toBe(MEMBER_ID);
    expect(screen.getByText('From scan')).toBeTruthy();
  });

  it("the shop's own keystroke rules apply: a slow wireless scanner is read once its gap is set in settings.json", async () => {
    const slow = { ...DEFAULT_SCANNER_SETTINGS.keystrokes, maxGapMs: 120 };
    for (const [keystrokes, read] of [
      [DEFAULT_SCANNER_SETTINGS.keystrokes, false],
      [slow, true],
    ] as const) {
      const fake = setUp({ settings: { keystrokes } });
      await counterWithFocusOnBody();
      await settle();
      act(() => void typeKeys(document.body, MEMBER_ID, 90));
      await settle();
      expect(fake.callsOf('scanner.parse'), `maxGapMs ${keystrokes.maxGapMs}`).toEqual(read ? [{ text: MEMBER_ID }] : []);
      cleanup();
    }
  });

  it('a scan while the cashier picker has focus is read as the member, and the cashier stays as chosen', async () => {
    const fake = setUp({ settings: { cashiers: ['Aina', 'Ben'] } });
    renderApp();
    const picker = await screen.findByTestId<HTMLSelectElement>('cashier');
    picker.focus();
    const before = picker.value;
    let typed: Typed = { defaultPrevented: [] };
    act(() => {
      typed = typeKeys(picker, MEMBER_ID, 8);
    });
    await waitFor(() => expect(useSaleStore.getState().member).toEqual({ type: 'ID', memberId: MEMBER_ID }));
    expect(fake.callsOf('scanner.parse')).toEqual([{ text: MEMBER_ID }]);
    expect(typed.defaultPrevented.slice(1).every(Boolean)).toBe(true);
    expect(picker.value).toBe(before);
  });

  it('the same keys at human speed are not a scan', async () => {
    const fake = setUp();
    await counterWithFocusOnBody();
    let typed: Typed = { defaultPrevented: [] };
    act(() => {
      typed = typeKeys(document.body, MEMBER_ID, 180);
    });
    await settle(20);
    expect(fake.callsOf('scanner.parse')).toEqual([]);
    expect(useSaleStore.getState().member).toBeNull();
    expect(typed.defaultPrevented.some(Boolean)).toBe(false);
  });

  it('two characters are noise, not a scan', async () => {
    const fake = setUp();
    await counterWithFocusOnBody();
    act(() => {
      typeKeys(document.body, '12', 5);
    });
    await settle(20);
    expect(fake.callsOf('scanner.parse')).toEqual([]);
  });

  it('a scan typed into the amount field is taken back out of it and read as the member', async () => {
    const fake = setUp();
    renderApp();
    const amount = await screen.findByLabelText<HTMLInputElement>('Amount');
    act(() => useSaleStore.getState().setAmountText('12.50'));
    // The field receives the keys (an input is never robbed of them) and React sees each change.
    act(() => {
      let at = 20_000;
      for (const key of [...'0172826990', 'Enter']) {
        const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
        Object.defineProperty(event, 'timeStamp', { value: at });
        amount.dispatchEvent(event);
        if (key !== 'Enter') useSaleStore.getState().setAmountText(useSaleStore.getState().amountText + key);
        at += 6;
      }
    });
    await waitFor(() => expect(useSaleStore.getState().member).toEqual({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' }));
    expect(amount.value).toBe('12.50');
    expect(fake.callsOf('scanner.parse')).toEqual([{ text: '0172826990' }]);
  });

  it('a scan held for its input method is still said when the reader\'s settings change during the hold', async () => {
    setUp();
    renderApp();
    const amount = await screen.findByLabelText<HTMLInputElement>('Amount');
    act(() => {
      let at = 30_000;
      for (let key = 0; key < 12; key += 1) {
        const event = new KeyboardEvent('keydown', { key: 'Process', bubbles: true, cancelable: true });
        Object.defineProperty(event, 'timeStamp', { value: at });
        amount.dispatchEvent(event);
        at += 8;
      }
      // Within the hold (a scanner gap after the last key): the page starts reading keys under new settings.
      const { settings, setSettings } = useStatusStore.getState();
      if (!settings) throw new Error('the counter has no settings yet');
      setSettings({ ...settings, keystrokes: { ...settings.keystrokes, maxGapMs: settings.keystrokes.maxGapMs + 20 } });
    });
    expect(await screen.findByText(en.shell.scanInputMethod)).toBeTruthy();
  });

  it('a receipt barcode fills the receipt field', async () => {
    setUp({ identityRules: { receiptPattern: 'INV-\\d{6}' } });
    await counterWithFocusOnBody();
    act(() => {
      typeKeys(document.body, 'INV-004211', 7);
    });
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Receipt number (optional)').value).toBe('INV-004211'));
    expect(useSaleStore.getState().member).toBeNull();
  });

  it('an unreadable scan says why, in the core words', async () => {
    setUp();
    await counterWithFocusOnBody();
    act(() => {
      typeKeys(document.body, 'HELLO-WORLD', 7);
    });
    expect(await screen.findByText('"HELLO-WORLD" is not a member number, phone number or receipt number')).toBeTruthy();
  });

  it('is off when the shop uses a HID scanner (the core reads it; typing would count twice)', async () => {
    const fake = setUp({ settings: { scannerMode: 'hid' } });
    await counterWithFocusOnBody();
    act(() => {
      typeKeys(document.body, MEMBER_ID, 8);
    });
    await settle(20);
    expect(fake.callsOf('scanner.parse')).toEqual([]);
  });
});

describe('HID scanner', () => {
  it("a scan event from main sets the member wherever the focus is, and after a sale starts the next one", async () => {
    const fake = setUp({ settings: { scannerMode: 'hid' } });
    renderApp();
    await screen.findByLabelText('Amount');
    await hidScan(fake, MEMBER_ID, { type: 'ID', memberId: MEMBER_ID });
    expect(useSaleStore.getState().member).toEqual({ type: 'ID', memberId: MEMBER_ID });
    expect(fake.callsOf('scanner.parse')).toEqual([]);
    act(() => useSaleStore.getState().setAmountText('8'));
    await act(() => useSaleStore.getState().submit());
    expect(useSaleStore.getState().phase).toBe('done');
    act(() => fake.emit('scan', { text: '0176473298', identity: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '176473298' }, source: 'hid' }));
    expect(useSaleStore.getState().phase).toBe('editing');
    expect(useSaleStore.getState().outcome).toBeNull();
    expect(useSaleStore.getState().member).toEqual({ type: 'PHONENUMBER', countryCode: '60', phoneNumber: '176473298' });
  });
});

describe('a keyboard-mode scanner in HID mode', () => {
  const ZEBRA = { path: '/dev/hidraw5', vendorId: 0x05e0, productId: 0x1200, name: 'Zebra DS2208', mode: 'keyboard' as const };

  // Kaunter never opens such a scanner (the system types its keys into the window either way): the core says it is
  // plugged in, and the page reads its typing as scans only then. Without it, fast typing stays typing.
  it('its typing is read as scans while the core says it is plugged in, and only then', async () => {
    const fake = setUp({ settings: { scannerMode: 'hid' } });
    await counterWithFocusOnBody();
    await settle();
    act(() => void typeKeys(document.body, MEMBER_ID, 8));
    await settle();
    expect(fake.callsOf('scanner.parse')).toEqual([]);

    act(() => fake.emit('scanner.status', { state: 'connected', device: ZEBRA, message: 'Zebra DS2208 is ready (keyboard mode).', typingScanner: true }));
    act(() => void typeKeys(document.body, MEMBER_ID, 8, 20_000));
    await waitFor(() => expect(useSaleStore.getState().member).toEqual({ type: 'ID', memberId: MEMBER_ID }));
    expect(fake.callsOf('scanner.parse')).toEqual([{ text: MEMBER_ID }]);

    act(() => fake.emit('scanner.status', { state: 'absent', device: ZEBRA, message: 'Zebra DS2208 was disconnected.', typingScanner: false }));
    act(() => void typeKeys(document.body, '6190354873541245313', 8, 30_000));
    await settle();
    expect(fake.callsOf('scanner.parse')).toHaveLength(1);
  });

  it('is read from the start when its status arrives while the page is still loading', async () => {
    const fake = setUp({ settings: { scannerMode: 'hid' } });
    let answer = (): void => undefined;
    fake.gates.set('credentials.status', new Promise<void>((resolve) => (answer = resolve)));
    renderApp();
    await waitFor(() => expect(fake.callsOf('scanner.status')).toHaveLength(1));
    await settle();
    // scanner.status has answered "nothing yet"; the watcher's news comes before the slowest call has, and never again.
    act(() => fake.emit('scanner.status', { state: 'connected', device: ZEBRA, message: 'Zebra DS2208 is ready (keyboard mode).', typingScanner: true }));
    answer();
    await screen.findByLabelText('Amount');
    (document.activeElement as HTMLElement | null)?.blur();
    await settle();
    act(() => void typeKeys(document.body, MEMBER_ID, 8));
    await waitFor(() => expect(useSaleStore.getState().member).toEqual({ type: 'ID', memberId: MEMBER_ID }));
  });
});
