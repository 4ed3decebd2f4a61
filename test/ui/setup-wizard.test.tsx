// First run: the wizard's steps per environment, each saved as it goes; Finish only when the counter can work. The
// same sections later behind the PIN; a keychain that lost the secrets says so with the way to fix it.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { renderApp, setUp } from './harness.tsx';

function next(): void {
  fireEvent.click(screen.getByTestId('wizard-next'));
}

function step(): string | undefined {
  return screen.getByTestId('wizard-step').dataset.step;
}

describe('first-run setup wizard', () => {
  it('training: environment, test call, scanner, PIN, store, finish; the counter opens at the end', async () => {
    const fake = setUp({ pin: null, cashier: null, settings: { setupComplete: false, cashiers: [], storeName: '' } });
    fake.devices = [{ path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, name: 'Honeywell Voyager 1602g', mode: 'hid-pos', plainKeyboard: false }];
    renderApp();
    expect(await screen.findByText('Set up Kaunter')).toBeTruthy();
    expect(screen.queryByTestId('nav-manager')).toBeNull();
    expect(screen.getByTestId('wizard-step').textContent).toBe('Step 1 of 6: Environment');
    expect(screen.getByTestId('environment-training')).toHaveProperty('checked', true);
    expect(screen.queryByTestId('environment-save')).toBeNull();

    next();
    await waitFor(() => expect(step()).toBe('test'));
    expect(fake.callsOf('settings.update')).toEqual([{ environment: 'training' }]);
    fireEvent.click(screen.getByTestId('test-call'));
    expect((await screen.findByTestId('test-result')).textContent).toContain('It works.');

    next();
    expect(step()).toBe('scanner');
    // Each step has one action, Next: the receipt pattern's own Save is in Settings only.
    expect(screen.queryByTestId('receipt-pattern')).toBeNull();
    fireEvent.click(await screen.findByText('Honeywell Voyager 1602g'));
    await waitFor(() => expect(fake.settings.scanner).toEqual({ vendorId: 0x0c2e, productId: 0x0b61, label: 'Honeywell Voyager 1602g' }));
    expect(screen.getByText('USB 0c2e:0b61 · HID POS')).toBeTruthy();
    fireEvent.click(screen.getByTestId('scanner-mode-hid'));
    await waitFor(() => expect(fake.settings.scannerMode).toBe('hid'));
    // Test scan: the next scan shows, read as the core reads it.
    fake.emit('scan', { text: '0172826990', identity: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '172826990' }, source: 'hid' });
    expect((await screen.findByTestId('test-scan-result')).textContent).toContain('Phone number');

    next();
    expect(step()).toBe('pin');
    // Next without a PIN stays and says why.
    next();
    expect(await screen.findByText('A PIN is 4 to 8 digits.')).toBeTruthy();
    expect(step()).toBe('pin');
    expect(screen.getByTestId('wizard-chip-pin').className).not.toBe('done');
    fireEvent.change(screen.getByLabelText("Manager's name"), { target: { value: 'Siti' } });
    fireEvent.change(screen.getByLabelText('New PIN (4 to 8 digits)'), { target: { value: '2468' } });
    fireEvent.change(screen.getByLabelText('The PIN again'), { target: { value: '2486' } });
    next();
    expect(await screen.findByText('The two PINs are not the same.')).toBeTruthy();
    expect(step()).toBe('pin');
    fireEvent.change(screen.getByLabelText('The PIN again'), { target: { value: '2468' } });
    next();
    await waitFor(() => expect(step()).toBe('store'));
    expect(fake.manager.pin).toBe('2468');
    expect(screen.getByTestId('wizard-chip-pin').className).toBe('done');
    // The first PIN comes with the owner's recovery code, shown once, above whichever step comes next.
    expect(screen.getByTestId('recovery-code').textContent).toContain(fake.manager.recoveryCode);

    // The store step: one action. Next with the store name missing stays and says why; the chip is not done.
    expect(screen.queryByTestId('store-save')).toBeNull();
    fireEvent.change(screen.getByLabelText('Cashiers'), { target: { value: 'Aina' } });
    next();
    expect(await screen.findByText('Type the store name.')).toBeTruthy();
    expect(step()).toBe('store');
    expect(screen.getByTestId('wizard-chip-store').className).not.toBe('done');
    fireEvent.change(screen.getByLabelText('Store name'), { target: { value: 'Kedai Aina' } });
    fireEvent.change(screen.getByLabelText('Terminal name'), { target: { value: 'Kaunter 1' } });
    fireEvent.change(screen.getByLabelText('Cashiers'), { target: { value: 'Aina\n  Ben \n\nAina\n' } });
    next();
    await waitFor(() => expect(step()).toBe('finish'));
    expect(fake.settings).toMatchObject({ storeName: 'Kedai Aina', terminalName: 'Kaunter 1', cashiers: ['Aina', 'Ben'] });
    expect(screen.getByTestId('wizard-chip-store').className).toBe('done');
    // Back shows what was saved.
    fireEvent.click(screen.getByTestId('wizard-back'));
    expect(screen.getByLabelText<HTMLInputElement>('Store name').value).toBe('Kedai Aina');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Cashiers').value).toBe('Aina\nBen');
    next();
    await waitFor(() => expect(step()).toBe('finish'));

    expect(screen.queryByTestId('wizard-missing')).toBeNull();
    fireEvent.click(screen.getByTestId('wizard-finish'));
    expect(await screen.findByLabelText('Amount')).toBeTruthy();
    // The header names the store at once, without a reload.
    expect(screen.getByRole('banner').textContent).toContain('Kedai Aina');
    expect(fake.settings.setupComplete).toBe(true);
    // Saving the PIN opened the manager screens for the wizard; the counter starts with them locked.
    await waitFor(() => expect(fake.manager.unlocked).toBe(false));
    fireEvent.click(screen.getByTestId('nav-manager'));
    expect(await screen.findByTestId('pin-pad')).toBeTruthy();
  });

  it('sandbox: RM credentials and the private key; secrets never come back to the screen', async () => {
    const fake = setUp({ training: false, pin: null, settings: { setupComplete: false, environment: 'sandbox' } });
    fake.credentials = { state: 'needs-setup', message: 'Enter the RM client ID, client secret and private key.', clientId: null, clientSecretSet: false, privateKey: null };
    renderApp();
    await screen.findByText('Set up Kaunter');
    // Environment, credentials, key, test, scanner, PIN, store, head office (optional), finish.
    expect(screen.getByTestId('wizard-step').textContent).toBe('Step 1 of 9: Environment');
    next();
    await waitFor(() => expect(step()).toBe('credentials'));
    expect(screen.getByTestId('credentials-state').textContent).toBe('Enter the RM client ID, client secret and private key.');
    fireEvent.change(screen.getByLabelText('Client ID'), { target: { value: '1700000000000001' } });
    fireEvent.change(screen.getByLabelText('Client secret'), { target: { value: 'top-secret-value' } });
    next();
    await waitFor(() => expect(step()).toBe('key'));
    expect(fake.callsOf('credentials.set')).toEqual([{ clientId: '1700000000000001', clientSecret: 'top-secret-value' }]);
    expect(document.body.textContent).not.toContain('top-secret-value');
    fireEvent.click(screen.getByTestId('wizard-back'));
    expect(screen.getByLabelText<HTMLInputElement>('Client secret').value).toBe('');
    expect(screen.getByText('A client secret is saved in the system keychain. Type a new one only to replace it.')).toBeTruthy();
    next();
    await waitFor(() => expect(step()).toBe('key'));
    // Next without a key stays and says why.
    next();
    expect(await screen.findByText('Import a private key or generate one first.')).toBeTruthy();
    expect(step()).toBe('key');
    expect(screen.getByText('No private key yet: import one or generate one.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Paste the PEM (-----BEGIN PRIVATE KEY----- …)'), { target: { value: 'not a key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import key' }));
    expect(await screen.findByText('That is not a PEM private key: it should start with -----BEGIN PRIVATE KEY-----.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('generate-key'));
    expect((await screen.findByTestId('fingerprint')).textContent).toBe('SHA256:generated');
    expect(screen.getByLabelText<HTMLTextAreaElement>('Public key').value).toContain('GENERATED');
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: (text: string) => Promise.resolve(void (copied = text)) } });
    fireEvent.click(screen.getByTestId('copy-public-key'));
    expect(await screen.findByText('Copied.')).toBeTruthy();
    expect(copied).toContain('BEGIN PUBLIC KEY');
    // A second generate asks first: the old key stops working until the new public key is uploaded.
    fireEvent.click(screen.getByTestId('generate-key'));
    expect(screen.getByText(/This replaces the current key/)).toBeTruthy();
    expect(fake.callsOf('credentials.generateKey')).toHaveLength(1);

    next();
    expect(step()).toBe('test');
    fake.testCall = { ok: false, message: 'RM refused the signature: upload the public key shown in the Private key step.', code: 'INVALID_REQUEST_SIGNATURE' };
    fireEvent.click(screen.getByTestId('test-call'));
    const result = await screen.findByTestId('test-result');
    expect(result.dataset.ok).toBe('false');
    expect(result.textContent).toContain('RM refused the signature: upload the public key shown in the Private key step.');
  });
});

describe('the optional Head office step', () => {
  /** A sandbox terminal with everything before head office saved: Next walks to that step. */
  async function atHeadOffice() {
    const fake = setUp({ training: false, settings: { setupComplete: false, environment: 'sandbox', storeName: 'Kedai Aina', cashiers: ['Aina'] } });
    fake.credentials = { state: 'ready', message: 'Connected.', clientId: '1700000000000001', clientSecretSet: true, privateKey: { fingerprint: 'SHA256:saved', publicKeyPem: 'PUBLIC' } };
    renderApp();
    await screen.findByText('Set up Kaunter');
    for (let guard = 0; guard < 8 && step() !== 'headOffice'; guard++) {
      const before = step();
      next();
      await waitFor(() => expect(step()).not.toBe(before));
    }
    expect(step()).toBe('headOffice');
    return fake;
  }

  it('has one action: Next joins and moves on, or stays and says why', async () => {
    const fake = await atHeadOffice();
    expect(screen.queryByTestId('hub-join')).toBeNull();
    expect(screen.getAllByRole('button').filter((button) => button.getAttribute('type') === 'submit')).toHaveLength(1);
    fireEvent.change(screen.getByTestId('hub-url'), { target: { value: 'https://hub.example.com' } });
    next();
    expect(await screen.findByText('Give both the hub address and the code, or leave both empty to skip this step.')).toBeTruthy();
    expect(step()).toBe('headOffice');
    fireEvent.change(screen.getByTestId('hub-code'), { target: { value: 'BAD-CODE' } });
    next();
    expect(await screen.findByText(/This enrolment code is not valid/)).toBeTruthy();
    expect(step()).toBe('headOffice');
    expect(screen.getByTestId('wizard-chip-headOffice').className).not.toBe('done');
    fireEvent.change(screen.getByTestId('hub-code'), { target: { value: 'GOOD-CODE' } });
    next();
    await waitFor(() => expect(step()).toBe('finish'));
    expect(fake.callsOf('hub.join')).toEqual([
      { url: 'https://hub.example.com', code: 'BAD-CODE' },
      { url: 'https://hub.example.com', code: 'GOOD-CODE' },
    ]);
    expect(screen.getByTestId('wizard-chip-headOffice').className).toBe('done');
    fireEvent.click(screen.getByTestId('wizard-back'));
    await waitFor(() => expect(step()).toBe('headOffice'));
    expect(screen.getByTestId('head-office-state').textContent).toBe('Joined to head office.');
  });

  it('left empty, Next skips it: the hub is optional', async () => {
    const fake = await atHeadOffice();
    next();
    await waitFor(() => expect(step()).toBe('finish'));
    expect(fake.callsOf('hub.join')).toEqual([]);
  });
});

describe('settings behind the PIN and a lost keychain', () => {
  it('shows the keychain problem on the counter with the way to Settings, where the secrets can be entered again', async () => {
    const fake = setUp({ training: false, settings: { environment: 'production' } });
    fake.credentials = {
      state: 'needs-reprovisioning',
      message: 'The keychain no longer has this terminal\'s RM secrets (a new user account or a reset keyring).',
      clientId: '1700000000000001',
      clientSecretSet: false,
      privateKey: null,
    };
    renderApp();
    const notice = await screen.findByTestId('credentials-notice');
    expect(notice.textContent).toContain("The keychain no longer has this terminal's RM secrets");
    expect(notice.textContent).toContain('enters the Revenue Monster client secret and private key again');
    expect(screen.getByLabelText('Amount')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(useNavStore.getState()).toMatchObject({ screen: 'manager', managerTab: 'settings' });
    fireEvent.change(await screen.findByLabelText('Manager PIN'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('pin-unlock'));
    expect(await screen.findByLabelText('Client secret')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Client ID').value).toBe('1700000000000001');
    expect(screen.getByLabelText('Keep history for (days)')).toBeTruthy();
  });
});

describe('the receipt-number pattern in Settings', () => {
  it('shows the manager what an older settings file held that was set aside, and takes a new pattern', async () => {
    const fake = setUp({
      settings: {
        setAsidePatterns: [
          { field: 'memberIdPattern', pattern: '(\\d)\\1{9}' },
          { field: 'receiptPattern', pattern: '(?=INV)INV-\\d{6}' },
        ],
      },
    });
    useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
    renderApp();
    fireEvent.change(await screen.findByLabelText('Manager PIN'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('pin-unlock'));
    expect((await screen.findByTestId('set-aside-receiptPattern')).textContent).toContain('(?=INV)INV-\\d{6}');
    expect(screen.getByTestId('set-aside-memberIdPattern').textContent).toContain('member IDs are read with the standard pattern');

    fireEvent.change(screen.getByTestId('receipt-pattern'), { target: { value: 'INV-(?!0)\\d{6}' } });
    fireEvent.click(screen.getByTestId('receipt-pattern-save'));
    expect((await screen.findByRole('alert')).textContent).toContain('no look-arounds');
    expect(fake.settings.receiptPattern).toBeNull();
    expect(screen.getByTestId('set-aside-receiptPattern')).toBeTruthy();

    fireEvent.change(screen.getByTestId('receipt-pattern'), { target: { value: 'INV-\\d{6}' } });
    fireEvent.click(screen.getByTestId('receipt-pattern-save'));
    await waitFor(() => expect(fake.settings.receiptPattern).toBe('INV-\\d{6}'));
    await waitFor(() => expect(screen.queryByTestId('set-aside-receiptPattern')).toBeNull());
    expect(screen.getByTestId('set-aside-memberIdPattern')).toBeTruthy();
  });

  it('says it in the manager\'s language', async () => {
    setUp({ settings: { language: 'ms', setAsidePatterns: [{ field: 'receiptPattern', pattern: '(?=INV)INV-\\d{6}' }] } });
    useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
    renderApp();
    fireEvent.change(await screen.findByLabelText('PIN pengurus'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('pin-unlock'));
    expect((await screen.findByTestId('set-aside-receiptPattern')).textContent).toContain('Corak resit (?=INV)INV-\\d{6}');
  });
});
