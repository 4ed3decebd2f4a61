// The manager's screens behind the PIN: the pad (keyboard or taps), wrong PINs, the lockout countdown, locking by
// hand, by main's auto-lock event, and by a call refused because the session ran out.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FAKE_RECOVERY_CODES } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';

async function openManager() {
  renderApp();
  fireEvent.click(await screen.findByTestId('nav-manager'));
  return screen.findByTestId('pin-pad');
}

// What a browser does that happy-dom leaves out. A tap: mousedown focuses what it lands on unless the page prevents it,
// then click. A key goes to what has focus: Enter clicks a focused button or submits the form of a focused field; a digit
// types into a focused field and is lost anywhere else.
function tap(element: HTMLElement): void {
  if (fireEvent.mouseDown(element)) element.focus();
  fireEvent.mouseUp(element);
  fireEvent.click(element);
}

function key(name: string): void {
  const target = document.activeElement instanceof HTMLElement ? document.activeElement : document.body;
  if (!fireEvent.keyDown(target, { key: name })) return;
  if (name === 'Enter' && target instanceof HTMLButtonElement) fireEvent.click(target);
  else if (name === 'Enter' && target instanceof HTMLInputElement && target.form) fireEvent.submit(target.form);
  else if (/^\d$/.test(name) && target instanceof HTMLInputElement) fireEvent.change(target, { target: { value: target.value + name } });
}

const pinField = (): HTMLInputElement => screen.getByLabelText<HTMLInputElement>('Manager PIN');

function typePin(pin: string): void {
  fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: pin } });
  fireEvent.click(screen.getByTestId('pin-unlock'));
}

describe('manager PIN', () => {
  it('locked screens show only the PIN pad; the right PIN opens History, Review and Settings', async () => {
    const fake = setUp();
    await openManager();
    expect(screen.queryByTestId('tab-history')).toBeNull();
    expect(fake.callsOf('history.page')).toEqual([]);
    for (const digit of ['1', '2', '3', '4']) fireEvent.click(screen.getByRole('button', { name: digit }));
    expect(screen.getByLabelText<HTMLInputElement>('Manager PIN').value).toBe('1234');
    fireEvent.click(screen.getByTestId('pin-unlock'));
    expect(await screen.findByTestId('tab-history')).toBeTruthy();
    expect(screen.getByTestId('tab-review')).toBeTruthy();
    expect(screen.getByTestId('tab-settings')).toBeTruthy();
    expect(screen.getByText('Unlocked by Siti')).toBeTruthy();
    expect(fake.callsOf('manager.unlock')).toEqual([{ pin: '1234' }]);
  });

  it('a wrong PIN says so and clears the pad; letters never get in', async () => {
    setUp();
    await openManager();
    fireEvent.change(screen.getByLabelText('Manager PIN'), { target: { value: '12ab' } });
    expect(screen.getByLabelText<HTMLInputElement>('Manager PIN').value).toBe('12');
    typePin('9999');
    expect(await screen.findByText('Wrong PIN. Try again.')).toBeTruthy();
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Manager PIN').value).toBe(''));
    expect(screen.queryByTestId('tab-history')).toBeNull();
  });

  it('after three wrong PINs the pad locks, counts down, and opens again when the lockout ends', async () => {
    const fake = setUp();
    await openManager();
    typePin('0000');
    await screen.findByText('Wrong PIN. Try again.');
    typePin('0001');
    await waitFor(() => expect(fake.callsOf('manager.unlock')).toHaveLength(2));
    typePin('0002');
    const lockout = await screen.findByTestId('pin-lockout');
    expect(lockout.textContent).toMatch(/^Wrong PIN\. The PIN pad is locked for 30 seconds\. Try again in 0:(30|29)\.$/);
    expect(screen.getByTestId('pin-unlock').hasAttribute('disabled')).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Manager PIN').disabled).toBe(true);

    // The lockout ends (as if 30 s passed): the countdown reaches zero and the pad opens again.
    fake.manager.lockedUntilMs = Date.now() + 1200;
    act(() => fake.emit('manager.locked', {}));
    await waitFor(() => expect(screen.getByTestId('pin-lockout').textContent).toMatch(/Try again in 0:0[12]\./));
    await waitFor(() => expect(screen.queryByTestId('pin-lockout')).toBeNull(), { timeout: 3000 });
    expect(screen.getByTestId('pin-unlock').hasAttribute('disabled')).toBe(false);
    typePin('1234');
    expect(await screen.findByTestId('tab-history')).toBeTruthy();
  });

  it('the PC\'s clock set back an hour during a lockout: the pad still opens when the core\'s lockout ends', async () => {
    const fake = setUp();
    await openManager();
    fake.manager.lockedUntilMs = Date.now() + 1500;
    act(() => fake.emit('manager.locked', {}));
    await screen.findByTestId('pin-lockout');
    // The clock was an hour fast and is set right. The core times a lockout on a monotonic clock: what it has left,
    // it now reports from the new wall time.
    const setRight = Date.now() - 3_600_000;
    const started = performance.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => setRight + (performance.now() - started));
    try {
      fake.manager.lockedUntilMs = Date.now() + 1500;
      await waitFor(() => expect(screen.queryByTestId('pin-lockout')).toBeNull(), { timeout: 4000 });
      expect(screen.getByTestId('pin-unlock').hasAttribute('disabled')).toBe(false);
    } finally {
      clock.mockRestore();
    }
  });

  it('when its countdown ends the pad asks the core, which may still be locked (a restart adds up to a minute)', async () => {
    const fake = setUp();
    await openManager();
    fake.manager.lockedUntilMs = Date.now() + 1200;
    act(() => fake.emit('manager.locked', {}));
    await screen.findByTestId('pin-lockout');
    fake.manager.lockedUntilMs = Date.now() + 60_000;
    await waitFor(() => expect(screen.getByTestId('pin-lockout').textContent).toMatch(/Try again in 0:(59|58|57)\./), { timeout: 4000 });
    expect(screen.getByTestId('pin-unlock').hasAttribute('disabled')).toBe(true);
  });

  it('Lock returns to the pad; so does main auto-locking (manager.locked)', async () => {
    const fake = setUp();
    await openManager();
    typePin('1234');
    fireEvent.click(await screen.findByTestId('manager-lock'));
    expect(await screen.findByTestId('pin-pad')).toBeTruthy();
    expect(fake.manager.unlocked).toBe(false);

    typePin('1234');
    await screen.findByTestId('tab-history');
    act(() => {
      fake.manager.unlocked = false;
      fake.emit('manager.locked', {});
    });
    expect(await screen.findByTestId('pin-pad')).toBeTruthy();
  });

  it('a manager call refused as LOCKED (the session ran out) returns to the pad', async () => {
    const fake = setUp();
    await openManager();
    typePin('1234');
    await screen.findByTestId('tab-history');
    fake.manager.unlocked = false;
    fireEvent.click(screen.getByTestId('filter-apply'));
    expect(await screen.findByTestId('pin-pad')).toBeTruthy();
  });

  it('locked out: the recovery code sets a new PIN, opens the manager screens, and the new code is shown once', async () => {
    const fake = setUp();
    await openManager();
    fake.manager.lockedUntilMs = Date.now() + 60_000;
    act(() => fake.emit('manager.locked', {}));
    await screen.findByTestId('pin-lockout');
    fireEvent.click(screen.getByTestId('pin-forgot'));
    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: 'wrong-code' } });
    fireEvent.change(screen.getByLabelText('New PIN (4 to 8 digits)'), { target: { value: '5678' } });
    fireEvent.change(screen.getByLabelText('The PIN again'), { target: { value: '5678' } });
    fireEvent.click(screen.getByTestId('recover-submit'));
    expect(await screen.findByText('That recovery code is not right.')).toBeTruthy();
    expect(screen.queryByTestId('tab-history')).toBeNull();

    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: FAKE_RECOVERY_CODES[0]?.toLowerCase() } });
    fireEvent.click(screen.getByTestId('recover-submit'));
    expect(await screen.findByTestId('tab-history')).toBeTruthy();
    expect(fake.callsOf('manager.recover')).toHaveLength(2);
    expect(fake.manager.pin).toBe('5678');
    expect(screen.getByTestId('recovery-code').textContent).toContain(FAKE_RECOVERY_CODES[1]);
    fireEvent.click(screen.getByTestId('recovery-code-done'));
    expect(screen.queryByTestId('recovery-code')).toBeNull();
  });

  it('Settings makes a new recovery code, after the current PIN, and shows it once', async () => {
    const fake = setUp();
    await openManager();
    typePin('1234');
    fireEvent.click(await screen.findByTestId('tab-settings'));
    fireEvent.click(await screen.findByTestId('recovery-new'));
    expect(await screen.findByText(/^Type the current PIN first\./)).toBeTruthy();
    expect(screen.queryByTestId('recovery-code')).toBeNull();
    fireEvent.change(screen.getByLabelText('Current PIN', { selector: '#recovery-current-pin' }), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('recovery-new'));
    expect((await screen.findByTestId('recovery-code')).textContent).toContain(FAKE_RECOVERY_CODES[1]);
    expect(fake.callsOf('manager.newRecoveryCode')).toEqual([{ currentPin: '' }, { currentPin: '1234' }]);
  });

  it('Settings changes the PIN only with the current one', async () => {
    const fake = setUp();
    await openManager();
    typePin('1234');
    fireEvent.click(await screen.findByTestId('tab-settings'));
    fireEvent.change(await screen.findByLabelText('Current PIN', { selector: '#current-pin' }), { target: { value: '9999' } });
    fireEvent.change(screen.getByLabelText('New PIN (4 to 8 digits)'), { target: { value: '5678' } });
    fireEvent.change(screen.getByLabelText('The PIN again'), { target: { value: '5678' } });
    fireEvent.click(screen.getByTestId('pin-save'));
    expect(await screen.findByText('Wrong PIN. Try again.')).toBeTruthy();
    expect(fake.manager.pin).toBe('1234');
    fireEvent.change(screen.getByLabelText('Current PIN', { selector: '#current-pin' }), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('pin-save'));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(fake.manager.pin).toBe('5678');
    expect(fake.callsOf('manager.setPin')).toEqual([
      { pin: '5678', managerName: 'Siti', currentPin: '9999' },
      { pin: '5678', managerName: 'Siti', currentPin: '1234' },
    ]);
    expect(screen.getByLabelText<HTMLInputElement>('Current PIN', { selector: '#current-pin' }).value).toBe('');
  });

  it('taps then Enter unlock: the keys never take focus, so Enter submits rather than pressing the last key again', async () => {
    const fake = setUp({ pin: '2468' });
    await openManager();
    for (const digit of ['2', '4', '6', '8']) tap(screen.getByRole('button', { name: digit }));
    expect(pinField().value).toBe('2468');
    key('Enter');
    await waitFor(() => expect(fake.callsOf('manager.unlock')).toEqual([{ pin: '2468' }]));
    expect(await screen.findByTestId('tab-history')).toBeTruthy();
  });

  it('a tap then typed digits: the typed ones reach the field', async () => {
    setUp({ pin: '2468' });
    await openManager();
    tap(screen.getByRole('button', { name: '2' }));
    for (const digit of '468') key(digit);
    expect(pinField().value).toBe('2468');
    tap(screen.getByRole('button', { name: 'Delete the last digit' }));
    key('8');
    expect(pinField().value).toBe('2468');
  });

  it('digits typed after clicking Unlock (focus on the button) still reach the field', async () => {
    setUp();
    await openManager();
    for (const digit of '12') key(digit);
    tap(screen.getByTestId('pin-unlock'));
    await screen.findByText('Wrong PIN. Try again.');
    for (const digit of '1234') key(digit);
    expect(pinField().value).toBe('1234');
    key('Enter');
    expect(await screen.findByTestId('tab-history')).toBeTruthy();
  });

  it('digits typed while a wrong PIN is being checked are kept for the next try, not wiped by its answer', async () => {
    const fake = setUp();
    await openManager();
    let answer = (): void => {};
    const gate = new Promise<void>((resolve) => (answer = resolve));
    fake.gates.set('manager.unlock', gate);
    for (const digit of '1357') key(digit);
    key('Enter');
    await waitFor(() => expect(fake.callsOf('manager.unlock')).toEqual([{ pin: '1357' }]));
    for (const digit of '1234') key(digit);
    fake.gates.delete('manager.unlock');
    await act(async () => {
      answer();
      await gate;
    });
    expect(await screen.findByText('Wrong PIN. Try again.')).toBeTruthy();
    expect(pinField().value).toBe('1234');
    key('Enter');
    expect(await screen.findByTestId('tab-history')).toBeTruthy();
    expect(fake.callsOf('manager.unlock')).toEqual([{ pin: '1357' }, { pin: '1234' }]);
  });

  it('unlocking gives focus to the open tab (the pad that had it is gone)', async () => {
    setUp();
    await openManager();
    expect(document.activeElement).toBe(pinField());
    for (const digit of '1234') key(digit);
    key('Enter');
    await screen.findByTestId('tab-history');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('tab-history')));
  });
});
