// Always in view: online/offline, waiting and needs-review counts, the scanner, the cashier, the TRAINING banner.
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { usePillWordsStore } from '../../renderer/stores/pill-words-store.ts';
import { renderApp, setUp } from './harness.tsx';

/** A count pill's words (a narrow screen shows the bare count beside them instead). */
function label(testId: string): string | null | undefined {
  return screen.getByTestId(testId).querySelector('[data-testid=pill-label]')?.textContent;
}

describe('status bar', () => {
  it('follows queue.changed: online, waiting to send, needs review, and a pause with its reason', async () => {
    const fake = setUp({ settings: { scannerMode: 'hid' } });
    renderApp();
    const online = await screen.findByTestId('online');
    expect(online.textContent).toContain('Online');
    expect(label('queued')).toBe('0 to send');
    expect(label('unknown')).toBe('0 to review');
    act(() => fake.emit('queue.changed', { queued: 3, sending: 1, unknown: 1, online: false, paused: null, sendingEnabled: true }));
    expect(screen.getByTestId('online').textContent).toContain('Offline');
    expect(label('queued')).toBe('4 to send');
    expect(label('unknown')).toBe('1 to review');
    act(() =>
      fake.emit('queue.changed', {
        queued: 4,
        sending: 0,
        unknown: 1,
        online: true,
        paused: { code: 'INVALID_TIMESTAMP', message: "RM says this computer's clock is wrong. Fix the date and time; sending resumes by itself.", untilMs: Date.now() + 60_000 },
        sendingEnabled: true,
      }),
    );
    expect(screen.getByTestId('paused').textContent).toBe("RM says this computer's clock is wrong. Fix the date and time; sending resumes by itself.");
    expect(screen.queryByTestId('not-sending')).toBeNull();
    act(() => fake.emit('queue.changed', { queued: 4, sending: 0, unknown: 1, online: true, paused: null, sendingEnabled: false }));
    expect(screen.getByTestId('not-sending').textContent).toContain('Not sending from here');
    // The review chip opens Review (behind the PIN).
    fireEvent.click(screen.getByTestId('unknown'));
    expect(await screen.findByTestId('pin-pad')).toBeTruthy();
    expect(useNavStore.getState()).toMatchObject({ screen: 'manager', managerTab: 'review' });
  });

  it("says Kaunter's own pauses in the language on screen, not as an error Revenue Monster sent", async () => {
    const fake = setUp({ settings: { scannerMode: 'hid', language: 'ms' } });
    renderApp();
    await screen.findByTestId('online');
    const pause = (code: string, message: string) =>
      act(() => fake.emit('queue.changed', { queued: 2, sending: 0, unknown: 0, online: true, paused: { code, message, untilMs: Date.now() + 60_000 }, sendingEnabled: true }));
    pause('STORE_ERROR', 'Kaunter could not write to its database, so sending has stopped for 5 minutes; awards wait in the queue.');
    expect(screen.getByTestId('paused').textContent).toMatch(/^Kaunter tidak dapat menulis ke pangkalan datanya/);
    pause('TOKEN_UNAVAILABLE', 'Revenue Monster could not sign this terminal in just now, so awards wait in the queue.');
    expect(screen.getByTestId('paused').textContent).toMatch(/^Revenue Monster tidak dapat mengesahkan terminal ini/);
  });

  it('says while the core restarts, then when it restarted, and asks the restarted core for its queue', async () => {
    const fake = setUp();
    renderApp();
    await screen.findByTestId('online');
    expect(screen.queryByTestId('core-status')).toBeNull();
    act(() => fake.emit('core.status', { state: 'restarting', restarts: 0, lastRestartAt: null, problem: null }));
    expect(screen.getByTestId('core-status').textContent).toBe('Restarting Kaunter…');
    expect(screen.getByTestId('core-status').getAttribute('role')).toBe('alert');
    // A core that keeps failing says why, in the core's words (a full disk, a damaged file).
    act(() => fake.emit('core.status', { state: 'restarting', restarts: 0, lastRestartAt: null, problem: "This PC's disk is full." }));
    expect(screen.getByTestId('core-status').textContent).toBe("Restarting Kaunter… This PC's disk is full.");
    const asked = fake.callsOf('queue.status').length;
    act(() => fake.emit('core.status', { state: 'running', restarts: 1, lastRestartAt: Date.now(), problem: null }));
    expect(screen.getByTestId('core-status').textContent).toMatch(/^Restarted at \d{2}:\d{2} Kaunter's core stopped and was restarted\..*an award that was being sent at that moment is in Review\.$/);
    await waitFor(() => expect(fake.callsOf('queue.status').length).toBe(asked + 1));
  });

  it('follows the scanner: connected, unplugged (with the core message), keyboard mode', async () => {
    const fake = setUp({ settings: { scannerMode: 'hid' } });
    fake.hid = { state: 'connected', message: 'Honeywell Voyager 1602g is ready (HID POS mode).' };
    renderApp();
    const scanner = await screen.findByTestId('scanner');
    expect(scanner.textContent).toContain('Scanner ready');
    act(() => fake.emit('scanner.status', { state: 'absent', message: 'The scanner was unplugged. Plug it in again.' }));
    expect(screen.getByTestId('scanner').dataset.state).toBe('absent');
    expect(screen.getByTestId('scanner').textContent).toContain('No scanner');
    expect(screen.getByTestId('scanner').title).toBe('No scanner: The scanner was unplugged. Plug it in again.');
  });

  it('a tap on a pill that only informs says its words under the bar, for a touch screen that shows no tooltip', async () => {
    const fake = setUp({ settings: { scannerMode: 'hid' } });
    fake.hid = { state: 'absent', message: 'The scanner was unplugged. Plug it in again.' };
    renderApp();
    fireEvent.click(await screen.findByTestId('scanner'));
    expect(screen.getByTestId('pill-words').textContent).toBe('No scanner: The scanner was unplugged. Plug it in again.');
    fireEvent.click(screen.getByTestId('queued'));
    expect(screen.getByTestId('pill-words').textContent).toBe('0 to send');
    fireEvent.click(screen.getByTestId('unknown'));
    expect(screen.getByTestId('pill-words').textContent).toBe('0 to review');
    // The words are the name of the button just pressed: a screen reader has heard them, and is not told again.
    expect(screen.getByTestId('pill-words').getAttribute('aria-hidden')).toBe('true');
    vi.useFakeTimers();
    try {
      fireEvent.click(screen.getByTestId('scanner'));
      act(() => {
        vi.advanceTimersByTime(7_000);
      });
      expect(screen.getByTestId('pill-words').textContent).toBe('No scanner: The scanner was unplugged. Plug it in again.');
      act(() => {
        vi.advanceTimersByTime(1_000);
      });
      expect(screen.queryByTestId('pill-words')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
    // Words that change while they show change with them, and a pill keeps its focus when its count does.
    fireEvent.click(screen.getByTestId('queued'));
    screen.getByTestId('queued').focus();
    act(() => fake.emit('queue.changed', { queued: 2, sending: 0, unknown: 0, online: true, paused: null, sendingEnabled: true }));
    expect(screen.getByTestId('pill-words').textContent).toBe('2 to send: Send now');
    expect(document.activeElement).toBe(screen.getByTestId('queued'));
    // With awards waiting, the pill is the "send now" button, and the review pill opens Review: not words.
    act(() => usePillWordsStore.getState().clear());
    act(() => fake.emit('queue.changed', { queued: 2, sending: 0, unknown: 1, online: true, paused: null, sendingEnabled: true }));
    fireEvent.click(screen.getByTestId('queued'));
    expect(screen.queryByTestId('pill-words')).toBeNull();
    await waitFor(() => expect(fake.callsOf('queue.retryNow')).toHaveLength(1));
  });

  it("a keyboard-mode scanner's pill says its scans need Kaunter in front, in Malay too", async () => {
    const fake = setUp({ settings: { scannerMode: 'hid', language: 'ms' } });
    const device = { path: '/dev/hidraw5', vendorId: 0x05e0, productId: 0x1200, name: 'Zebra DS2208', mode: 'keyboard' as const };
    fake.hid = { state: 'connected', device, message: 'Zebra DS2208 is ready (keyboard mode).', typingScanner: true };
    renderApp();
    await waitFor(() => expect(screen.getByTestId('scanner').title).toBe('Pengimbas sedia: Pengimbas mod papan kekunci sedia: imbasannya dibaca semasa Kaunter di hadapan.'));
    act(() => fake.emit('scanner.status', { ...fake.hid, device: { ...device, mode: 'hid-pos' }, typingScanner: false }));
    expect(screen.getByTestId('scanner').title).toBe('Pengimbas sedia: imbasan berfungsi walau apa pun yang difokuskan.');
  });

  it('picking another cashier asks before it ends the open shift, and shows why a name is refused', async () => {
    const fake = setUp();
    renderApp();
    const picker = await screen.findByTestId('cashier');
    fireEvent.change(picker, { target: { value: 'Mei Ling' } });
    const question = await screen.findByTestId('shift-switch');
    expect(question.textContent).toContain("Aminah's shift has been open since");
    expect(fake.callsOf('shift.start')).toEqual([]);
    // Keeping Aminah changes nothing; nor does Escape.
    fireEvent.click(screen.getByTestId('shift-switch-keep'));
    expect(screen.queryByTestId('shift-switch')).toBeNull();
    expect((picker as HTMLSelectElement).value).toBe('Aminah');
    fireEvent.change(picker, { target: { value: 'Mei Ling' } });
    fireEvent.keyDown(await screen.findByTestId('shift-switch'), { key: 'Escape' });
    expect(screen.queryByTestId('shift-switch')).toBeNull();
    expect(fake.openShift()?.cashier).toBe('Aminah');

    fireEvent.change(picker, { target: { value: 'Mei Ling' } });
    expect(document.activeElement).toBe(await screen.findByTestId('shift-switch-confirm'));
    fireEvent.click(screen.getByTestId('shift-switch-confirm'));
    await waitFor(() => expect((picker as HTMLSelectElement).value).toBe('Mei Ling'));
    expect(fake.callsOf('shift.start')).toEqual([{ cashier: 'Mei Ling' }]);
    expect(fake.shifts.map((shift) => [shift.cashier, shift.endedAt === null])).toEqual([['Aminah', false], ['Mei Ling', true]]);
    // A manager took Aminah off the list meanwhile (this screen still offers her): the core refuses, and says why.
    fake.settings = { ...fake.settings, cashiers: ['Mei Ling'] };
    fireEvent.change(picker, { target: { value: 'Aminah' } });
    fireEvent.click(await screen.findByTestId('shift-switch-confirm'));
    expect(await screen.findByText("Aminah is not on this shop's cashier list. A manager can add them in Settings.")).toBeTruthy();
    expect(fake.openShift()?.cashier).toBe('Mei Ling');
  });

  it('the first name picked starts a shift at once, and the shift bar under the sale says whose it is', async () => {
    const fake = setUp({ cashier: null });
    renderApp();
    const picker = await screen.findByTestId('cashier');
    expect(screen.queryByTestId('shift-bar')).toBeNull();
    fireEvent.change(picker, { target: { value: 'Mei Ling' } });
    expect((await screen.findByTestId('shift-bar')).textContent).toMatch(/^Mei Ling, since (\d\d\/\d\d\/\d{4} )?\d\d:\d\d/);
    expect(screen.queryByTestId('shift-switch')).toBeNull();
    expect(fake.callsOf('shift.start')).toEqual([{ cashier: 'Mei Ling' }]);
  });

  it("asks again for the refused count at the shop's midnight: a terminal without shifts counted only that day's", async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      // 23:58:30 in the shop (UTC+8).
      vi.setSystemTime(Date.UTC(2026, 11, 3, 15, 58, 30));
      const fake = setUp();
      fake.refused = { ...fake.refused, count: 1, sinceMs: Date.UTC(2026, 11, 2, 16, 0, 0), madeSinceMs: Date.UTC(2026, 11, 2, 16, 0, 0) };
      renderApp();
      expect((await screen.findByTestId('refused')).dataset.count).toBe('1');
      const asked = fake.callsOf('queue.refused').length;
      fake.refused = { ...fake.refused, count: 0, sinceMs: Date.UTC(2026, 11, 3, 16, 0, 0), madeSinceMs: null };
      act(() => {
        vi.advanceTimersByTime(60_000);
      });
      expect(fake.callsOf('queue.refused')).toHaveLength(asked);
      act(() => {
        vi.advanceTimersByTime(60_000);
      });
      await waitFor(() => expect(screen.queryByTestId('refused')).toBeNull());
      expect(fake.callsOf('queue.refused')).toHaveLength(asked + 1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows TRAINING in training mode only', async () => {
    setUp({ training: true });
    const first = renderApp();
    expect(await screen.findByTestId('training-banner')).toBeTruthy();
    first.unmount();
    setUp({ training: false, settings: { environment: 'production' } });
    renderApp();
    await screen.findByTestId('online');
    expect(screen.queryByTestId('training-banner')).toBeNull();
  });
});
