// The customer display page in every state it can be pushed, through the same read-only API the hosts give it (a state
// to show, and for the browser host a pairing form): the welcome in three languages at once, the sale, the claim QR
// drawn from the URL, thanks with the shortened name and the balance, queued; and the counter telling the core what
// its screen shows.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import QRCode from 'qrcode';
import { afterEach, describe, expect, it } from 'vitest';
import type { CounterView, CustomerDisplayApi, DisplayState, DisplayView, PairingStatus } from '../../app/contract.ts';
import { DisplayApp } from '../../renderer/display/DisplayApp.tsx';
import { initI18n } from '../../renderer/i18n/i18n.ts';
import { renderApp, settle, setUp } from './harness.tsx';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { useSaleStore } from '../../renderer/stores/sale-store.ts';

afterEach(() => cleanup());

/** What a host's display bridge gives the page: states pushed to it, and (browser host) a pairing it reports on. */
class FakeDisplayHost {
  private stateHandlers = new Set<(state: DisplayState) => void>();
  private pairingHandlers = new Set<(status: PairingStatus) => void>();
  latest: DisplayState | null = null;
  codes: string[] = [];

  readonly api: CustomerDisplayApi;

  /** `paired`: a desktop display window (nothing to pair); otherwise a browser page that must pair first. */
  constructor(paired: boolean) {
    const pairing = {
      onChange: (handler: (status: PairingStatus) => void) => {
        this.pairingHandlers.add(handler);
        return () => this.pairingHandlers.delete(handler);
      },
      pair: (code: string) => void this.codes.push(code),
    };
    this.api = {
      onState: (handler) => {
        this.stateHandlers.add(handler);
        if (this.latest) handler(this.latest);
        return () => this.stateHandlers.delete(handler);
      },
      ...(paired ? {} : { pairing }),
    };
  }

  push(view: DisplayView, extra: Partial<DisplayState> = {}): void {
    this.latest = { storeName: 'Kedai Runcit Aina', language: 'en', training: false, view, ...extra };
    act(() => this.stateHandlers.forEach((handler) => handler(this.latest as DisplayState)));
  }

  pairing(status: PairingStatus): void {
    act(() => this.pairingHandlers.forEach((handler) => handler(status)));
  }
}

function show(host: FakeDisplayHost): void {
  initI18n('en');
  render(<DisplayApp api={host.api} />);
}

/** Intl puts a no-break space between "RM" and the amount. */
const spaced = (value: string | null): string => (value ?? '').replace(/\s/g, ' ');
const text = (): string => (screen.getByTestId('customer-display').textContent ?? '').replace(/\s+/g, ' ');

describe('the customer display page', () => {
  it('idle: the store and a welcome in English, Bahasa Melayu and Chinese at once', () => {
    const host = new FakeDisplayHost(true);
    host.push({ kind: 'idle' }, { training: true });
    show(host);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Kedai Runcit Aina');
    expect(text()).toContain('Welcome');
    expect(text()).toContain('Selamat datang');
    expect(text()).toContain('欢迎光临');
    expect(text()).toContain('Training: no real points');
  });

  it('sale: the amount and the points it earns, or that points come after payment', () => {
    const host = new FakeDisplayHost(true);
    show(host);
    host.push({ kind: 'sale', amountSen: 1250, pointsEstimate: 12 });
    expect(spaced(screen.getByTestId('display-amount').textContent)).toBe('RM 12.50');
    expect(screen.getByTestId('display-points').textContent).toBe('You earn 12\u00a0points');
    host.push({ kind: 'sale', amountSen: 100, pointsEstimate: null });
    expect(screen.getByTestId('display-points').textContent).toBe('Points are added after payment');
  });

  it('claim QR: the code drawn here from its URL, with the amount and points', async () => {
    const host = new FakeDisplayHost(true);
    show(host);
    const url = 'http://127.0.0.1:4000/claim/abc123';
    host.push({ kind: 'claimQr', url, amountSen: 4590, points: 45 });
    await settle(50);
    const image = screen.getByTestId('display-qr');
    const expected = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
    expect(decodeURIComponent(image.getAttribute('src')?.replace(/^data:image\/svg\+xml;charset=utf-8,/, '') ?? '')).toBe(expected);
    expect(spaced(screen.getByTestId('display-claim-amount').textContent)).toBe('RM 45.90');
    expect(screen.getByTestId('display-claim-points').textContent).toBe('You earn 45\u00a0points');
    expect(text()).toContain('Scan to collect your points');
  });

  it('thanks: the points given, the shortened name and the new balance, each only when known', () => {
    const host = new FakeDisplayHost(true);
    show(host);
    host.push({ kind: 'thanks', points: 12, maskedName: null, newBalance: null });
    expect(screen.getByTestId('display-thanks').textContent).toBe('Thank you!');
    expect(screen.queryByTestId('display-balance')).toBeNull();
    host.push({ kind: 'thanks', points: 12, maskedName: 'Nurul A.', newBalance: 1312 });
    expect(screen.getByTestId('display-thanks').textContent).toBe('Thank you, Nurul A.!');
    expect(screen.getByTestId('display-points-given').textContent).toBe('+12\u00a0points');
    expect(screen.getByTestId('display-balance').textContent).toBe('Your balance: 1,312\u00a0points');
    // A new member's first point: the points word agrees with the balance.
    host.push({ kind: 'thanks', points: 1, maskedName: 'Nurul A.', newBalance: 1 });
    expect(screen.getByTestId('display-points-given').textContent).toBe('+1\u00a0point');
    expect(screen.getByTestId('display-balance').textContent).toBe('Your balance: 1\u00a0point');
  });

  it.each([
    ['en', 'You earn 1,234\u00a0points', 'You earn 1,500\u00a0points', '+1,234\u00a0points', 'Your balance: 12,345\u00a0points'],
    ['ms', 'Anda dapat 1,234\u00a0mata', 'Anda dapat 1,500\u00a0mata', '+1,234\u00a0mata', 'Baki anda: 12,345\u00a0mata'],
    ['zh', '您将获得 1,234\u00a0积分', '您将获得 1,500\u00a0积分', '+1,234\u00a0积分', '您的积分余额：12,345'],
  ] as const)('%s: points and the balance over a thousand are grouped as the language writes numbers', (language, sale, claim, given, balance) => {
    const host = new FakeDisplayHost(true);
    show(host);
    host.push({ kind: 'sale', amountSen: 123_400, pointsEstimate: 1234 }, { language });
    expect(screen.getByTestId('display-points').textContent).toBe(sale);
    host.push({ kind: 'claimQr', url: 'http://127.0.0.1:4000/claim/big', amountSen: 150_000, points: 1500 }, { language });
    expect(screen.getByTestId('display-claim-points').textContent).toBe(claim);
    host.push({ kind: 'thanks', points: 1234, maskedName: 'Nurul A.', newBalance: 12_345 }, { language });
    expect(screen.getByTestId('display-points-given').textContent).toBe(given);
    expect(screen.getByTestId('display-balance').textContent).toBe(balance);
  });

  it('queued: the points will arrive shortly, in the language the counter uses', () => {
    const host = new FakeDisplayHost(true);
    show(host);
    host.push({ kind: 'queued', amountSen: 650 });
    expect(screen.getByTestId('display-queued').textContent).toBe('Your points will arrive shortly');
    host.push({ kind: 'queued', amountSen: 650 }, { language: 'ms' });
    expect(screen.getByTestId('display-queued').textContent).toBe('Mata anda akan tiba sebentar lagi');
    host.push({ kind: 'queued', amountSen: 650 }, { language: 'zh' });
    expect(screen.getByTestId('display-queued').textContent).toBe('您的积分稍后到账');
  });

  it('browser host: asks for the pairing code first, says when it was refused, then shows the state', () => {
    const host = new FakeDisplayHost(false);
    host.push({ kind: 'idle' });
    show(host);
    expect(screen.queryByTestId('customer-display')).toBeNull();
    fireEvent.change(screen.getByTestId('pairing-code'), { target: { value: ' 123456 ' } });
    fireEvent.click(screen.getByTestId('pair'));
    expect(host.codes).toEqual(['123456']);
    host.pairing({ state: 'refused', reason: 'wrong' });
    expect(screen.getByTestId('pairing-refused').textContent).toContain('That code is not right');
    host.pairing({ state: 'refused', reason: 'limited' });
    expect(screen.getByTestId('pairing-refused').textContent).toContain('Too many wrong codes');
    host.pairing({ state: 'paired' });
    expect(screen.getByTestId('customer-display').getAttribute('data-view')).toBe('idle');
    host.pairing({ state: 'lost' });
    expect(screen.getByRole('status').textContent).toBe('Reconnecting to the counter…');
  });
});

describe('the counter tells the core what its screen shows', () => {
  it('the amount typed, then the award by its id, then nothing when a new sale starts', async () => {
    const fake = setUp();
    renderApp();
    await settle(200);
    const amount = screen.getByLabelText(/amount/i);
    fireEvent.change(amount, { target: { value: '12.50' } });
    await settle(250);
    expect(fake.callsOf('display.counterView').at(-1)).toEqual({ kind: 'sale', amountSen: 1250 });
    act(() => useSaleStore.getState().setMemberMode('qr'));
    await act(async () => useSaleStore.getState().submit());
    await settle(250);
    const id = useSaleStore.getState().outcome?.award.id;
    expect(fake.callsOf('display.counterView').at(-1)).toEqual({ kind: 'award', awardId: id });
    act(() => useSaleStore.getState().dismissQr());
    await settle(250);
    expect(fake.callsOf('display.counterView').at(-1)).toEqual({ kind: 'idle' });
  });
});

describe('a core that restarted, or a host found again, is told the counter\'s screen again', () => {
  it('resends the amount being typed after a core restart and after a lost connection comes back', async () => {
    const fake = setUp();
    renderApp();
    await settle(200);
    fireEvent.change(screen.getByLabelText(/amount/i), { target: { value: '12.50' } });
    await settle(250);
    const sent = (): number => fake.callsOf('display.counterView').filter((view) => (view as CounterView).kind === 'sale').length;
    expect(sent()).toBe(1);
    act(() => fake.emit('core.status', { state: 'restarting', restarts: 0, lastRestartAt: null, problem: null }));
    act(() => fake.emit('core.status', { state: 'running', restarts: 1, lastRestartAt: Date.now(), problem: null }));
    await settle(250);
    expect(sent()).toBe(2);
    expect(fake.callsOf('display.counterView').at(-1)).toEqual({ kind: 'sale', amountSen: 1250 });
    act(() => fake.emit('host.connection', { state: 'lost' }));
    act(() => fake.emit('host.connection', { state: 'connected' }));
    await settle(250);
    expect(sent()).toBe(3);
  });
});

describe('Settings > Customer display', () => {
  const LAPTOP = { id: 1, label: 'BOE 0x0A8E', width: 1920, height: 1080, counter: true, chosen: false };
  const PANEL = { id: 2, label: 'HDMI-1 10.1" Display', width: 1024, height: 600, counter: false, chosen: false };

  async function openSettings(fake: ReturnType<typeof setUp>): Promise<void> {
    fake.manager.unlocked = true;
    useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
    renderApp();
    await screen.findByTestId('customer-display-settings');
  }

  it("desktop: lists the monitors, the counter's own cannot be chosen, and a choice goes to the core", async () => {
    const fake = setUp();
    fake.displaySetup = { kind: 'monitors', monitors: [LAPTOP, PANEL] };
    await openSettings(fake);
    const laptop = await screen.findByTestId<HTMLInputElement>(`monitor-${LAPTOP.id}`);
    expect(laptop.disabled).toBe(true);
    expect(screen.getByTestId<HTMLInputElement>('monitor-none').checked).toBe(true);
    expect(screen.getByTestId('customer-display-settings').textContent).toContain('1024');
    fireEvent.click(screen.getByTestId(`monitor-${PANEL.id}`));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>(`monitor-${PANEL.id}`).checked).toBe(true));
    fireEvent.click(screen.getByTestId('monitor-none'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('monitor-none').checked).toBe(true));
    expect(fake.callsOf('display.chooseMonitor')).toEqual([{ monitorId: PANEL.id }, { monitorId: null }]);
    expect(screen.queryByTestId('make-pairing-code')).toBeNull();
  });

  it('desktop with one monitor: says a second one is needed, and offers nothing to choose', async () => {
    const fake = setUp();
    fake.displaySetup = { kind: 'monitors', monitors: [LAPTOP] };
    await openSettings(fake);
    await screen.findByText('Plug in a second monitor to use it as the customer display.');
    expect(screen.queryByTestId(`monitor-${LAPTOP.id}`)).toBeNull();
  });

  it('browser host: makes a pairing code to type on the page at /display', async () => {
    const fake = setUp();
    await openSettings(fake);
    fireEvent.click(await screen.findByTestId('make-pairing-code'));
    expect((await screen.findByTestId('pairing-code-shown')).textContent).toBe('482913');
    expect(screen.getByTestId('customer-display-settings').textContent).toContain('/display');
    expect(fake.callsOf('display.pairingCode')).toHaveLength(1);
  });
});
