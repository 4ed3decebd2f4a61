// A card scanned while a screen stands in for the sale (the shift summary, the manager's screens) has no sale to go
// into. It is not kept for later (after "End shift now" it would wait for the next cashier and be awarded under them):
// the screen says plainly that the scan was not used and to close the screen first, in the language on screen.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { useSaleStore } from '../../renderer/stores/sale-store.ts';
import { hidScan, renderApp, setUp, settle } from './harness.tsx';

const PHONE = { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '176473298' } as const;
const NOT_USED_SUMMARY = 'That scan was not used: the sale is not on screen. Close this summary (Esc), then scan again.';
const NOT_USED_MANAGER = 'That scan was not used: the sale is not on screen. Go back to the counter, then scan again.';

/** Keydowns at scanner speed ending in Enter, as a keyboard-mode scanner types them. */
function keyboardScan(target: EventTarget, text: string): boolean[] {
  const prevented: boolean[] = [];
  let at = 20_000;
  for (const key of [...text, 'Enter']) {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: at });
    target.dispatchEvent(event);
    prevented.push(event.defaultPrevented);
    at += 8;
  }
  return prevented;
}

async function openSummary(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByTestId('end-shift'));
  return screen.findByTestId('shift-summary');
}

describe('a scan while the counter is not on screen', () => {
  it('on the shift summary: the summary says the scan was not used; back at the counter the member field is empty', async () => {
    const fake = setUp();
    renderApp();
    const summary = await openSummary();
    expect(screen.queryByTestId('scan-not-used')).toBeNull();
    await hidScan(fake, '0176473298', PHONE);
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toBe(NOT_USED_SUMMARY);
    expect(summary.contains(notice)).toBe(true);

    fireEvent.keyDown(summary, { key: 'Escape' });
    await screen.findByTestId('confirm');
    expect(screen.getByLabelText<HTMLInputElement>('Phone number').value).toBe('');
    expect(useSaleStore.getState().member).toBeNull();
    // The notice belonged to the summary: the counter does not carry it on.
    expect(screen.queryByTestId('scan-not-used')).toBeNull();
    // Scanned again at the counter, the card is used.
    await hidScan(fake, '0176473298', PHONE);
    await waitFor(() => expect(useSaleStore.getState().member).toEqual(PHONE));
  });

  it("after End shift now: the card is not kept for the next cashier's sale, and nothing is awarded", async () => {
    const fake = setUp();
    renderApp();
    await openSummary();
    fireEvent.click(screen.getByTestId('shift-end-now'));
    await screen.findByText("Aminah's shift has ended");
    await hidScan(fake, '0176473298', PHONE);
    expect((await screen.findByTestId('scan-not-used')).textContent).toBe(NOT_USED_SUMMARY);
    fireEvent.click(screen.getByTestId('shift-close'));
    await screen.findByTestId('confirm');
    expect(useSaleStore.getState().member).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Phone number').value).toBe('');
    expect(fake.callsOf('award.submit')).toEqual([]);
  });

  it("a keyboard-mode scan on the summary is read and reported too, its keys taken so its Enter presses no button", async () => {
    const fake = setUp();
    renderApp();
    await openSummary();
    const endNow = screen.getByTestId('shift-end-now');
    endNow.focus();
    let prevented: boolean[] = [];
    act(() => {
      prevented = keyboardScan(endNow, '0176473298');
    });
    expect((await screen.findByTestId('scan-not-used')).textContent).toBe(NOT_USED_SUMMARY);
    expect(fake.callsOf('scanner.parse')).toEqual([{ text: '0176473298' }]);
    expect(prevented.at(-1)).toBe(true);
    expect(fake.callsOf('shift.end')).toEqual([]);
  });

  it('speaks the language on screen', async () => {
    const fake = setUp({ settings: { language: 'ms' } });
    renderApp();
    await openSummary();
    await hidScan(fake, '0176473298', PHONE);
    expect((await screen.findByTestId('scan-not-used')).textContent).toBe('Imbasan itu tidak digunakan: jualan tiada pada skrin. Tutup ringkasan syif ini (Esc), kemudian imbas semula.');
    fireEvent.click(screen.getByTestId('language-zh'));
    await waitFor(() => expect(screen.getByTestId('scan-not-used').textContent).toBe('该扫描未被使用：当前不在销售画面。请先关闭此班次汇总（Esc），再重新扫描。'));
  });

  it("on the manager's screens: the PIN pad says a scan is not the PIN; unlocked, the screen says the scan was not used", async () => {
    const fake = setUp();
    renderApp();
    fireEvent.click(await screen.findByTestId('nav-manager'));
    await screen.findByTestId('pin-pad');
    await hidScan(fake, '0176473298', PHONE);
    // The pad's own words are the one message over it (test/ui/pin-pad-scans.test.tsx).
    await screen.findByTestId('pin-scan-refused');
    expect(screen.queryByTestId('scan-not-used')).toBeNull();
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('pin-unlock'));
    await waitFor(() => expect(screen.queryByTestId('pin-pad')).toBeNull());
    expect(screen.queryByTestId('scan-not-used')).toBeNull();
    await hidScan(fake, '0176473298', PHONE);
    expect((await screen.findByTestId('scan-not-used')).textContent).toBe(NOT_USED_MANAGER);
    act(() => useNavStore.getState().show('counter'));
    await screen.findByTestId('confirm');
    expect(useSaleStore.getState().member).toBeNull();
    expect(screen.queryByTestId('scan-not-used')).toBeNull();
  });

  it("in Settings the scan is the scanner test's, not one that went nowhere", async () => {
    const fake = setUp();
    useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
    renderApp();
    fireEvent.change(await screen.findByLabelText('Manager PIN'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('pin-unlock'));
    await waitFor(() => expect(fake.callsOf('scanner.devices').length).toBeGreaterThan(0));
    await hidScan(fake, '0176473298', PHONE);
    expect((await screen.findByTestId('test-scan-result')).textContent).toContain('Phone number');
    await settle();
    expect(screen.queryByTestId('scan-not-used')).toBeNull();
  });
});
