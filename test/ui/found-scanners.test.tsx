// Scanners found in Settings: a keyboard-mode scanner and the keyboard people type on look the same to the system, so
// keyboards with no sign of being a scanner are folded away apart, yet stay there to pick (a cheap scanner gives no
// name), and a picked one is always in view.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import type { FakeKaunter } from './fake-kaunter.ts';
import { renderApp, setUp } from './harness.tsx';

const HONEYWELL = { path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, name: 'Honeywell Voyager 1602g', mode: 'hid-pos', plainKeyboard: false } as const;
const ZEBRA = { path: '/dev/hidraw5', vendorId: 0x05e0, productId: 0x1200, name: 'Symbol Bar Code Scanner', mode: 'keyboard', plainKeyboard: false } as const;
const LOGITECH = { path: '/dev/hidraw0', vendorId: 0x046d, productId: 0xc31c, name: 'Logitech USB Keyboard', mode: 'keyboard', plainKeyboard: true } as const;
const NAMELESS = { path: '/dev/hidraw7', vendorId: 0x1a86, productId: 0xe026, name: 'USB keyboard 1a86:e026', mode: 'keyboard', plainKeyboard: true } as const;

async function openScannerSettings(fake: FakeKaunter, language = 'Manager PIN'): Promise<HTMLElement> {
  useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
  renderApp();
  fireEvent.change(await screen.findByLabelText(language), { target: { value: '1234' } });
  fireEvent.click(screen.getByTestId('pin-unlock'));
  await waitFor(() => expect(fake.callsOf('scanner.devices').length).toBeGreaterThan(0));
  return screen.findByRole('region', { name: /Barcode scanner|Pengimbas kod bar|条码扫描/ });
}

function shown(element: HTMLElement): boolean {
  return element.closest('details')?.open ?? true;
}

describe('Scanners found in Settings', () => {
  it('lists scanners first and folds the plain keyboards away, still there to pick', async () => {
    const fake = setUp();
    fake.devices = [HONEYWELL, ZEBRA, LOGITECH, NAMELESS];
    const section = await openScannerSettings(fake);
    const honeywell = await within(section).findByRole('button', { name: /Honeywell Voyager 1602g/ });
    expect(shown(honeywell)).toBe(true);
    expect(shown(within(section).getByRole('button', { name: /Symbol Bar Code Scanner/ }))).toBe(true);
    // Scanners first, then the folded keyboards.
    expect(within(section).getAllByRole('button', { name: /USB / }).map((button) => button.querySelector('strong')?.textContent)).toEqual([
      'Honeywell Voyager 1602g',
      'Symbol Bar Code Scanner',
      'Logitech USB Keyboard',
      'USB keyboard 1a86:e026',
    ]);
    expect(within(section).queryByText('No scanner found. Plug it in, then look again.')).toBeNull();

    const folded = within(section).getByTestId('other-keyboards');
    expect(folded.querySelector('summary')?.textContent).toBe('Other keyboards (2)');
    expect(folded.textContent).toContain('unplug the scanner, press Look again, and see which one went');
    const logitech = within(folded).getByRole('button', { name: /Logitech USB Keyboard/ });
    expect(shown(logitech)).toBe(false);

    fireEvent.click(within(folded).getByRole('button', { name: /USB keyboard 1a86:e026/ }));
    await waitFor(() => expect(fake.settings.scanner).toEqual({ vendorId: 0x1a86, productId: 0xe026, label: 'USB keyboard 1a86:e026' }));
    // Picked, it is shown beside the scanners, pressed, with the focus; only the typing keyboard stays folded.
    const picked = await within(section).findByRole('button', { name: /USB keyboard 1a86:e026/, pressed: true });
    expect(shown(picked)).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(picked));
    expect(within(section).getByTestId('other-keyboards').querySelector('summary')?.textContent).toBe('Other keyboards (1)');
  });

  it('with only keyboards, says no scanner was found and shows them unfolded, with how to find a scanner among them', async () => {
    const fake = setUp();
    fake.devices = [LOGITECH];
    const section = await openScannerSettings(fake);
    expect(await within(section).findByText('No scanner found. Plug it in, then look again.')).toBeTruthy();
    expect(shown(within(within(section).getByTestId('other-keyboards')).getByRole('button', { name: /Logitech USB Keyboard/ }))).toBe(true);
  });

  it('with no keyboard at all, has nothing folded; Look again lists what was plugged in since', async () => {
    const fake = setUp();
    fake.devices = [HONEYWELL];
    const section = await openScannerSettings(fake);
    await within(section).findByRole('button', { name: /Honeywell Voyager 1602g/ });
    expect(within(section).queryByTestId('other-keyboards')).toBeNull();

    fake.devices = [HONEYWELL, LOGITECH];
    fireEvent.click(within(section).getByRole('button', { name: 'Look again' }));
    expect((await within(section).findByTestId('other-keyboards')).textContent).toContain('Logitech USB Keyboard');
    expect(fake.callsOf('scanner.devices').length).toBe(2);
  });

  it('says it in the manager\'s language', async () => {
    const fake = setUp({ settings: { language: 'ms' } });
    fake.devices = [LOGITECH];
    const section = await openScannerSettings(fake, 'PIN pengurus');
    const folded = await within(section).findByTestId('other-keyboards');
    expect(folded.querySelector('summary')?.textContent).toBe('Papan kekunci lain (1)');
    expect(folded.textContent).toContain('cabut pengimbas, tekan Cari semula');
  });
});
