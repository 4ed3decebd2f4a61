// Cashiers scan by habit when the PIN pad is up. A scan is not a try: the pad sends the core nothing (so no run of scans
// locks the manager out), clears the field and says why, and the shell's "scan not used" stays away. A PIN of allowed
// length typed as fast as a scanner (a touch typist, a test's keyboard.type) is still a try.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCANNER_SETTINGS } from '../../app/scanner/scanner-settings.ts';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import type { FakeKaunter } from './fake-kaunter.ts';
import { hidScan, renderApp, setUp, settle } from './harness.tsx';

const MEMBER_ID = '6190354873541245312';
const MEMBER_QR = `https://revenuemonster.my/member/${MEMBER_ID}`;
const SCAN_NOT_PIN = 'That was a scan, not the PIN: it was not tried, and the scan was not used. Type the PIN, or go back to the counter to scan.';
const SCANNER_GAP_MS = 8;
const PERSON_GAP_MS = 180;

let clock = 50_000;

/**
 * Keys as a browser delivers them to what has focus, with their time stamps: a keydown nobody prevented types its
 * character into a focused field (as far as its maxlength lets it), and Enter submits the field's form or clicks a
 * focused button. Capitals come after a Shift keydown, as scanners send them.
 */
function typeKeys(text: string, gapMs: number, { enter = true } = {}): void {
  clock += 1_000;
  const keys = [...text].flatMap((key) => (key !== key.toLowerCase() ? ['Shift', key] : [key]));
  act(() => {
    for (const key of enter ? [...keys, 'Enter'] : keys) {
      const target = document.activeElement instanceof HTMLElement ? document.activeElement : document.body;
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'timeStamp', { value: clock });
      if (key !== 'Shift') clock += gapMs;
      if (!target.dispatchEvent(event)) continue;
      if (key === 'Enter' && target instanceof HTMLInputElement && target.form) fireEvent.submit(target.form);
      else if (key === 'Enter' && target instanceof HTMLButtonElement) fireEvent.click(target);
      else if (key.length === 1 && target instanceof HTMLInputElement && target.value.length < target.maxLength) {
        fireEvent.change(target, { target: { value: target.value + key } });
      }
    }
  });
}

/** By its id: the label is in the language on screen. */
function pinField(): HTMLInputElement {
  const field = document.getElementById('pin');
  if (!(field instanceof HTMLInputElement)) throw new Error('the PIN pad has no PIN field');
  return field;
}

async function openPinPad(): Promise<void> {
  renderApp();
  fireEvent.click(await screen.findByTestId('nav-manager'));
  await screen.findByTestId('pin-pad');
  await waitFor(() => expect(document.activeElement).toBe(pinField()));
}

async function expectScanRefused(fake: FakeKaunter): Promise<void> {
  expect((await screen.findByTestId('pin-scan-refused')).textContent).toBe(SCAN_NOT_PIN);
  await settle();
  expect(fake.callsOf('manager.unlock')).toEqual([]);
  expect(pinField().value).toBe('');
  expect(screen.getAllByRole('alert')).toHaveLength(1);
  expect(screen.queryByTestId('scan-not-used')).toBeNull();
}

describe('a scan into the PIN pad', () => {
  it('the longest PIN typed at scanner speed, then Enter, is a try', async () => {
    const fake = setUp();
    await openPinPad();
    typeKeys('12345678', SCANNER_GAP_MS);
    expect(await screen.findByText('Wrong PIN. Try again.')).toBeTruthy();
    expect(fake.callsOf('manager.unlock')).toEqual([{ pin: '12345678' }]);
    expect(screen.queryByTestId('pin-scan-refused')).toBeNull();
  });

  it.each([
    ['a member number', MEMBER_ID],
    ['a member QR link', MEMBER_QR],
    ['a short code with letters', 'AB12'],
  ])('%s at scanner speed, then Enter: not a try, the field cleared, the pad says why', async (_name, code) => {
    const fake = setUp();
    await openPinPad();
    typeKeys(code, SCANNER_GAP_MS);
    await expectScanRefused(fake);
  });

  it('scans one after another never lock the pad out; the PIN typed after them opens it', async () => {
    const fake = setUp();
    await openPinPad();
    for (let scan = 0; scan < 5; scan += 1) typeKeys(MEMBER_ID, SCANNER_GAP_MS);
    await expectScanRefused(fake);
    expect(screen.queryByTestId('pin-lockout')).toBeNull();
    typeKeys('1234', PERSON_GAP_MS);
    expect(await screen.findByTestId('tab-history')).toBeTruthy();
    expect(fake.callsOf('manager.unlock')).toEqual([{ pin: '1234' }]);
  });

  it("a person's slow typing is the person's: nine digits keep eight, a letter is dropped, and Enter tries them", async () => {
    const fake = setUp();
    await openPinPad();
    typeKeys('123456789', PERSON_GAP_MS);
    await screen.findByText('Wrong PIN. Try again.');
    typeKeys('12a4', PERSON_GAP_MS);
    await waitFor(() => expect(fake.callsOf('manager.unlock')).toEqual([{ pin: '12345678' }, { pin: '124' }]));
    expect(screen.queryByTestId('pin-scan-refused')).toBeNull();
  });

  it('two keys a person presses together, a digit and a letter, are a slip, not a scan', async () => {
    const fake = setUp();
    await openPinPad();
    typeKeys('123', PERSON_GAP_MS, { enter: false });
    typeKeys('4r', SCANNER_GAP_MS, { enter: false });
    expect(pinField().value).toBe('1234');
    expect(screen.queryByTestId('pin-scan-refused')).toBeNull();
    typeKeys('', PERSON_GAP_MS);
    await waitFor(() => expect(fake.callsOf('manager.unlock')).toEqual([{ pin: '1234' }]));
  });

  it("the pad's words go once the manager types again", async () => {
    const fake = setUp();
    await openPinPad();
    typeKeys(MEMBER_ID, SCANNER_GAP_MS);
    await expectScanRefused(fake);
    typeKeys('1', PERSON_GAP_MS, { enter: false });
    expect(pinField().value).toBe('1');
    expect(screen.queryByTestId('pin-scan-refused')).toBeNull();
  });

  it('a link scanned with Unlock focused (the shell reads it): the pad says why, not the shell', async () => {
    const fake = setUp();
    await openPinPad();
    fireEvent.click(screen.getByTestId('pin-unlock'));
    screen.getByTestId('pin-unlock').focus();
    typeKeys(MEMBER_QR, SCANNER_GAP_MS);
    await waitFor(() => expect(fake.callsOf('scanner.parse')).toEqual([{ text: MEMBER_QR }]));
    await expectScanRefused(fake);
  });

  it('a HID scan: the pad says why, not the shell; once unlocked, the shell says a scan was not used', async () => {
    const fake = setUp();
    await openPinPad();
    await hidScan(fake, MEMBER_ID, { type: 'ID', memberId: MEMBER_ID });
    await expectScanRefused(fake);
    typeKeys('1234', PERSON_GAP_MS);
    await screen.findByTestId('tab-history');
    await hidScan(fake, MEMBER_ID, { type: 'ID', memberId: MEMBER_ID });
    expect((await screen.findByTestId('scan-not-used')).textContent).toContain('That scan was not used');
  });

  it("on Settings, where the shell's notice is not (the manager locked there): a HID scan is not a try either", async () => {
    const fake = setUp();
    useNavStore.setState({ managerTab: 'settings' });
    await openPinPad();
    await hidScan(fake, MEMBER_ID, { type: 'ID', memberId: MEMBER_ID });
    await expectScanRefused(fake);
  });

  it('on Settings with the recovery form up instead of the pad: a scan is said not used, not dropped', async () => {
    const fake = setUp();
    useNavStore.setState({ managerTab: 'settings' });
    await openPinPad();
    fireEvent.click(screen.getByTestId('pin-forgot'));
    await hidScan(fake, MEMBER_ID, { type: 'ID', memberId: MEMBER_ID });
    expect((await screen.findByTestId('scan-not-used')).textContent).toContain('That scan was not used');
    expect(fake.callsOf('manager.unlock')).toEqual([]);
  });

  it('a "scan not used" from before the pad came up is not said again once the manager unlocks', async () => {
    const fake = setUp();
    await openPinPad();
    typeKeys('1234', PERSON_GAP_MS);
    await screen.findByTestId('tab-history');
    await hidScan(fake, MEMBER_ID, { type: 'ID', memberId: MEMBER_ID });
    await screen.findByTestId('scan-not-used');
    fireEvent.click(screen.getByTestId('manager-lock'));
    await screen.findByTestId('pin-pad');
    typeKeys('1234', PERSON_GAP_MS);
    await screen.findByTestId('tab-history');
    await settle();
    expect(screen.queryByTestId('scan-not-used')).toBeNull();
  });

  it('with scans read in fields too (settings.json), the shell takes a fast PIN and its Enter: the pad tries it', async () => {
    const fake = setUp({ settings: { keystrokes: { ...DEFAULT_SCANNER_SETTINGS.keystrokes, scanIntoEditableFields: true } } });
    await openPinPad();
    typeKeys('1234', SCANNER_GAP_MS);
    expect(await screen.findByTestId('tab-history')).toBeTruthy();
    expect(fake.callsOf('manager.unlock')).toEqual([{ pin: '1234' }]);
    expect(screen.queryByTestId('scan-not-used')).toBeNull();
  });

  it('with scans read in fields too, a member number is still not a try', async () => {
    const fake = setUp({ settings: { keystrokes: { ...DEFAULT_SCANNER_SETTINGS.keystrokes, scanIntoEditableFields: true } } });
    await openPinPad();
    typeKeys(MEMBER_ID, SCANNER_GAP_MS);
    await waitFor(() => expect(fake.callsOf('scanner.parse')).toEqual([{ text: MEMBER_ID }]));
    await expectScanRefused(fake);
  });

  it('speaks the language on screen', async () => {
    const fake = setUp({ settings: { language: 'ms' } });
    await openPinPad();
    typeKeys(MEMBER_ID, SCANNER_GAP_MS);
    expect((await screen.findByTestId('pin-scan-refused')).textContent).toBe(
      'Itu imbasan, bukan PIN: ia tidak dikira sebagai cubaan, dan imbasan itu tidak digunakan. Taip PIN, atau kembali ke kaunter untuk mengimbas.',
    );
    fireEvent.click(screen.getByTestId('language-zh'));
    await waitFor(() => expect(screen.getByTestId('pin-scan-refused').textContent).toBe('这是一次扫描，不是 PIN：未计为尝试，该扫描也未被使用。请输入 PIN，或返回柜台再扫描。'));
    expect(fake.callsOf('manager.unlock')).toEqual([]);
  });
});
