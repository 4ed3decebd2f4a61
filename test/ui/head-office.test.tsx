// Head office at the counter: the status bar's indicator (nothing without a hub; synced, waiting, unreachable since,
// revoked, a restore cut short, as the core reports them) and joining from Settings with a one-time code.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useManagerStore } from '../../renderer/stores/manager-store.ts';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { renderApp, settle, setUp } from './harness.tsx';

describe('head office', () => {
  it("a tapped head-office pill's words follow its state, and go with the pill when the terminal leaves head office", async () => {
    const fake = setUp();
    renderApp();
    await screen.findByTestId('nav-counter');
    fake.emit('hub.status', { kind: 'waiting', waiting: 2 });
    fireEvent.click(await screen.findByTestId('hub-status'));
    expect(screen.getByTestId('pill-words').textContent).toBe('Head office: 2 waiting');
    fake.emit('hub.status', { kind: 'synced', at: Date.now() });
    await waitFor(() => expect(screen.getByTestId('pill-words').textContent).toBe('Head office: synced'));
    fake.emit('hub.status', { kind: 'not-joined' });
    await waitFor(() => expect(screen.queryByTestId('hub-status')).toBeNull());
    expect(screen.queryByTestId('pill-words')).toBeNull();
  });

  it('the status bar shows nothing without a hub, then what the core reports', async () => {
    const fake = setUp();
    renderApp();
    await screen.findByTestId('nav-counter');
    await settle();
    expect(screen.queryByTestId('hub-status')).toBeNull();
    // A word or two on the pill, an icon of its own for each state; the whole sentence is its tooltip and its name for a
    // screen reader. The count stays beside the icon when the header is compact.
    const pill = () => screen.getByTestId('hub-status');
    const said = () => [pill().textContent, pill().getAttribute('aria-label'), pill().getAttribute('title')];
    const icon = () => pill().querySelector('svg')?.getAttribute('class') ?? '';
    fake.emit('hub.status', { kind: 'waiting', waiting: 12 });
    await waitFor(() => expect(said()).toEqual(['12 waiting12', 'Head office: 12 waiting', 'Head office: 12 waiting']));
    expect(pill().querySelector('.pill-count')?.textContent).toBe('12');
    expect(pill().className).toBe('pill');
    const waitingIcon = icon();
    fake.emit('hub.status', { kind: 'unreachable', since: Date.UTC(2026, 10, 30, 2, 42), waiting: 12, message: 'The hub could not be reached.' });
    await waitFor(() => expect(pill().getAttribute('data-state')).toBe('unreachable'));
    expect(pill().textContent).toBe('Unreachable');
    expect(pill().className).toBe('pill pill-warn');
    // In the terminal's language throughout: the connection's own (English) words are in Settings.
    expect(pill().getAttribute('aria-label')).toMatch(/^Head office: unreachable since .*10:42(:00)?\. Awards wait here and go when it answers again\.$/);
    const unreachableIcon = icon();
    fake.emit('hub.status', { kind: 'refused', code: 'REVOKED', message: 'Head office has revoked this terminal.', waiting: 3 });
    const revoked = 'Head office: this terminal was revoked. Ask head office for a new code, then join again in Settings.';
    await waitFor(() => expect(said()).toEqual(['Revoked', revoked, revoked]));
    const revokedIcon = icon();
    // A put-back copy: a manager has a way back in Settings, not only support.
    fake.emit('hub.status', { kind: 'refused', code: 'OUT_OF_STEP', message: 'Head office already holds this counter\'s record up to entry 9.', waiting: 3 });
    const putBack = "Head office: holds more of this terminal's record than this PC (was it put back from a backup copy?). A manager brings it back in step in Settings > Head office.";
    await waitFor(() => expect(said()).toEqual(['Refused', putBack, putBack]));
    fake.emit('hub.status', { kind: 'refused', code: 'NOT_ENROLLED', message: 'Head office does not know this terminal.', waiting: 3 });
    const refused = "Head office: refused this terminal's records. Settings > Head office says why; call support.";
    await waitFor(() => expect(said()).toEqual(['Refused', refused, refused]));
    fake.emit('hub.status', { kind: 'synced', at: Date.now() });
    await waitFor(() => expect(said()).toEqual(['Synced', 'Head office: synced', 'Head office: synced']));
    expect(pill().className).toBe('pill pill-ok');
    expect(new Set([waitingIcon, unreachableIcon, revokedIcon, icon()]).size).toBe(4);
  });

  it('the setup wizard\'s Head office step joins with a one-time code, then goes on to Finish', async () => {
    const fake = setUp({ training: false, settings: { setupComplete: false, environment: 'sandbox', storeName: 'Kedai Runcit', cashiers: ['Aina'] } });
    renderApp();
    await screen.findByText('Set up Kaunter');
    const step = () => screen.getByTestId('wizard-step').dataset.step;
    // Everything before it is already set up (credentials, key, PIN, store): Next walks there.
    for (let guard = 0; step() !== 'headOffice' && guard < 8; guard += 1) {
      const before = step();
      fireEvent.click(screen.getByTestId('wizard-next'));
      await waitFor(() => expect(step()).not.toBe(before));
    }
    expect(screen.getByTestId('wizard-step').textContent).toBe('Step 8 of 9: Head office');
    expect(screen.getByTestId('head-office-state').textContent).toBe('Not joined to a head-office hub.');
    fireEvent.change(screen.getByTestId('hub-url'), { target: { value: 'https://hub.example.com' } });
    fireEvent.change(screen.getByTestId('hub-code'), { target: { value: 'GOOD-CODE' } });
    // One action per step: Next joins, then moves on.
    fireEvent.click(screen.getByTestId('wizard-next'));
    await waitFor(() => expect(step()).toBe('finish'));
    expect(fake.callsOf('hub.join')).toEqual([{ url: 'https://hub.example.com', code: 'GOOD-CODE' }]);
  });

  it('Settings joins a hub with a one-time code and says why a code is refused', async () => {
    const fake = setUp({ training: false });
    fake.manager.unlocked = true;
    useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
    renderApp();
    await waitFor(() => expect(useManagerStore.getState().status?.unlocked).toBe(true));
    await screen.findByTestId('hub-url');
    expect(screen.getByTestId('head-office-state').textContent).toBe('Not joined to a head-office hub.');
    fireEvent.change(screen.getByTestId('hub-url'), { target: { value: 'https://hub.example.com' } });
    fireEvent.change(screen.getByTestId('hub-code'), { target: { value: 'BAD-CODE' } });
    fireEvent.click(screen.getByTestId('hub-join'));
    await screen.findByText(/This enrolment code is not valid/);
    fireEvent.change(screen.getByTestId('hub-code'), { target: { value: 'GOOD-CODE' } });
    fireEvent.click(screen.getByTestId('hub-join'));
    await waitFor(() => expect(screen.getByTestId('head-office-state').textContent).toBe('Joined to head office.'));
    expect(fake.callsOf('hub.join')).toEqual([
      { url: 'https://hub.example.com', code: 'BAD-CODE' },
      { url: 'https://hub.example.com', code: 'GOOD-CODE' },
    ]);
    expect(screen.getByTestId('hub-status').getAttribute('aria-label')).toBe('Head office: synced');
  });

  it('a restore cut short shows on the status bar and in Settings, which says to join again with a new code', async () => {
    const fake = setUp({ training: false });
    fake.hub = { kind: 'restore-unfinished' };
    fake.manager.unlocked = true;
    useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
    renderApp();
    await waitFor(() => expect(screen.getByTestId('hub-status').getAttribute('data-state')).toBe('restore-unfinished'));
    expect(screen.getByTestId('hub-status').textContent).toBe('Partly restored');
    expect(screen.getByTestId('hub-status').getAttribute('aria-label')).toMatch(/^This terminal's history from head office was only partly brought back/);
    const state = await screen.findByTestId('head-office-state');
    expect(state.textContent).toMatch(/^This terminal's history from head office was only partly brought back.*join again to finish it/);
    // The Join form stays: joining again is the way to finish.
    expect(screen.getByTestId('hub-join')).toBeTruthy();
    expect(screen.queryByTestId('head-office-detail')).toBeNull();
  });

  it('Settings gives the connection\'s own words when head office is out of reach, marked as English', async () => {
    const fake = setUp({ training: false });
    fake.hub = { kind: 'unreachable', since: Date.UTC(2026, 10, 30, 2, 42), waiting: 2, message: 'connect ECONNREFUSED 10.0.0.5:443' };
    fake.manager.unlocked = true;
    useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
    renderApp();
    const detail = await screen.findByTestId('head-office-detail');
    expect(detail.textContent).toBe('What the connection to head office said: connect ECONNREFUSED 10.0.0.5:443');
    expect(detail.querySelector('[lang="en"]')?.textContent).toBe('connect ECONNREFUSED 10.0.0.5:443');
  });
});
