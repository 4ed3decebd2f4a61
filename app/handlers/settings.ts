// Settings, credentials and the scanner: what a manager sets up, and what the counter reads.
import type { CredentialsStatus, SettingsView } from '../contract.ts';
import { deleteCredentials, generateAndSaveKey, saveCredentials } from '../core/credentials.ts';
import { Refusal } from '../core/failure.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { identifyScan } from '../scanner/member-identity.ts';
import { aimIdentifierOf, cleanScanText } from '../scanner/scan-assembler.ts';
import type { SetAsidePattern } from '../scanner/identity-rules.ts';
import type { Settings, SettingsStore } from '../settings.ts';
import type { NamespaceHandlers } from './types.ts';

export function settingsView(store: SettingsStore): SettingsView {
  const settings = store.value;
  const saved = settings.scannerRules.savedScanners[0];
  return {
    environment: settings.environment,
    language: settings.language,
    storeName: settings.storeName,
    terminalName: settings.terminalName,
    terminalId: settings.terminalId,
    cashiers: settings.cashiers,
    retentionDays: settings.retentionDays,
    sounds: settings.sounds,
    scannerMode: settings.scannerMode,
    scanner: saved ? { vendorId: saved.vendorId, productId: saved.productId, ...(saved.label ? { label: saved.label } : {}) } : null,
    keystrokes: settings.scannerRules.keystrokes,
    receiptPattern: settings.scannerRules.identity.receiptPattern,
    setAsidePatterns: stillSetAside(store.setAside, settings),
    setupComplete: settings.setupComplete,
  };
}

function stillSetAside(setAside: readonly SetAsidePattern[], settings: Settings): SettingsView['setAsidePatterns'] {
  const replaced = settings.scannerRules.identity.receiptPattern !== null;
  return setAside.filter(({ field }) => !(field === 'receiptPattern' && replaced)).map(({ field, pattern }) => ({ field, pattern }));
}

export const settingsHandlers: NamespaceHandlers<'settings'> = {
  'settings.get': (core) => settingsView(core.settings),

  'settings.update': async (core, change) => {
    const { environment, scanner, receiptPattern, ...rest } = change;
    core.settings.update((s) => {
      const updated = { ...s, ...definedOnly(rest) };
      if (scanner !== undefined) {
        updated.scannerRules = { ...updated.scannerRules, savedScanners: scanner ? [scanner] : [] };
      }
      if (receiptPattern !== undefined) {
        updated.scannerRules = { ...updated.scannerRules, identity: { ...updated.scannerRules.identity, receiptPattern } };
      }
      return updated;
    });
    if (scanner !== undefined || change.scannerMode !== undefined) core.configureScanner();
    if (change.retentionDays !== undefined) core.applyRetention();
    if (environment !== undefined && environment !== core.env.environment) await core.switchEnvironment(environment);
    return settingsView(core.settings);
  },

  'settings.setLanguage': (core, { language }) => {
    core.settings.update((s) => ({ ...s, language }));
    return settingsView(core.settings);
  },
};

export const credentialsHandlers: NamespaceHandlers<'credentials'> = {
  'credentials.status': (core) => credentialsStatus(core),

  'credentials.set': async (core, input) => {
    const environment = realEnvironment(core);
    await saveCredentials(environment, input, core.ports.secrets(environment), core.settings);
    await core.reconnect();
    return credentialsStatus(core);
  },

  'credentials.generateKey': async (core) => {
    const environment = realEnvironment(core);
    await generateAndSaveKey(environment, core.ports.secrets(environment), core.settings);
    await core.reconnect();
    return credentialsStatus(core);
  },

  'credentials.test': async (core) => {
    const rm = core.env.rm;
    if (!rm) return { ok: false, message: core.env.credentials.message, code: null };
    const token = await rm.tokens.accessToken();
    if (!token.ok) return { ok: false, message: token.error.message, code: token.error.code };
    // A signed call proves the key: RM checks the signature against the public key uploaded in the portal.
    const signed = await rm.loyalty.calculatePoints(100);
    if (signed.kind !== 'success') return { ok: false, message: signed.error.message, code: signed.error.code };
    core.env.desk.wake();
    return { ok: true, message: 'Revenue Monster accepted this terminal\'s client ID, secret and signature.', code: null };
  },

  'credentials.delete': async (core) => {
    const environment = realEnvironment(core);
    await deleteCredentials(environment, core.ports.secrets(environment), core.settings);
    await core.reconnect();
    return credentialsStatus(core);
  },
};

export const scannerHandlers: NamespaceHandlers<'scanner'> = {
  'scanner.status': (core) => ({
    mode: core.settings.value.scannerMode,
    hid: core.ports.scanner?.status() ?? { state: 'unsupported', message: 'This window cannot reach USB scanners; use keyboard mode.' },
  }),
  'scanner.devices': async (core) => (await core.ports.scanner?.devices()) ?? [],
  // Cleaned as a HID scan is (app/scanner/scan-assembler.ts): a keyboard-mode scanner types the same prefix, suffix and
  // symbology identifier it would report.
  'scanner.parse': (core, { text }) => {
    const rules = core.settings.value.scannerRules;
    return identifyScan(cleanScanText(text, rules.assembly), rules.identity, aimIdentifierOf(text, rules.assembly));
  },
};

export function credentialsStatus(core: KaunterCore): CredentialsStatus {
  const c = core.env.credentials;
  return {
    state: c.state,
    message: c.message,
    clientId: c.clientId,
    clientSecretSet: c.clientSecretSet,
    privateKey: c.publicKeyPem && c.fingerprint ? { fingerprint: c.fingerprint, publicKeyPem: c.publicKeyPem } : null,
  };
}

function realEnvironment(core: KaunterCore): 'sandbox' | 'production' {
  const environment = core.env.environment;
  if (environment === 'training') {
    throw Refusal.say('NOT_ALLOWED', 'training.ownKeys');
  }
  return environment;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
