// The fullest counter header there is: a terminal joined to head office (its pill beside the others) with awards RM
// refused after the sale on the refused pill, with a USB scanner and then a keyboard-mode one (longer words), in every
// language at 1366x768 and 1024x768. Every pill, the shop's name, the cashier and the languages side by side, none over
// another. Screenshots go to test-output/screenshots/screens/status-bar-joined-refused-*.png.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { transition } from '../../app/awards/transitions.ts';
import { saveCredentials } from '../../app/core/credentials.ts';
import { databasePath } from '../../app/paths.ts';
import { generateKeyPair } from '../../app/rm/keys.ts';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import type { SecretStore } from '../../app/secrets.ts';
import { SettingsStore } from '../../app/settings.ts';
import { openDatabase } from '../../app/store/database.ts';
import { linkToHub } from '../../app/store/hub-sync.ts';
import { counterReady, unlockManager, useKeyboardScanner } from './counter-page.ts';
import { startApp, type RunningApp } from './harness.ts';
import { checkScreen, EVERY_SCREEN, shot } from './screen-checks.ts';

const APP = { clientId: 'kedai-aina-till-2', clientSecret: 'sandbox-secret-for-till-2' };
/** A loopback port nothing listens on: the joined terminal's hub is out of reach, as a shop's often is. */
const GONE_HUB = 'http://127.0.0.1:9';

/**
 * RM's sandbox (our loopback one) made ready beside training, online, its database joined to a hub (the credential in
 * the keychain) and holding one award RM refused a minute after its sale. The manager switches to it in Settings.
 */
async function seedJoinedWithRefusal(dataDir: string, keychain: SecretStore): Promise<void> {
  const settings = new SettingsStore(dataDir);
  const pair = await generateKeyPair();
  await saveCredentials('sandbox', { clientId: APP.clientId, clientSecret: APP.clientSecret, privateKeyPem: pair.privateKeyPem }, keychain, settings);
  rm.registerApp({ ...APP, publicKeyPem: pair.publicKeyPem });
  const { terminalId } = settings.value;
  await keychain.set('hubCredential', 'credential-of-till-2');
  const db = openDatabase(databasePath(dataDir, 'sandbox'));
  try {
    linkToHub(db, { hubUrl: GONE_HUB, hubTerminalId: randomUUID(), outlet: 'Bangsar', terminal: 'Till 2', ackedEventId: 0 });
    let clock = Date.now() - 60_000;
    const { award } = new Outbox(db, terminalId, () => clock).submit(
      { amountSen: 990, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '139998800' }, cashier: 'Aina' },
      'cashier:Aina',
    );
    clock += 60_000;
    transition(db, award.id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, clock);
    transition(db, award.id, ['SENDING'], { to: 'REJECTED', actor: 'relay', errorCode: 'MEMBER_NOT_FOUND', reason: 'Member not found' }, clock);
  } finally {
    db.close();
  }
}

const ONLINE = { en: 'Online', ms: 'Dalam talian', zh: '在线' } as const;

async function chooseLanguage(page: Page, language: string): Promise<void> {
  await page.getByTestId(`language-${language}`).click();
  await page.locator(`[data-testid=language-${language}][aria-pressed=true]`).waitFor();
}

async function everyPillIn(page: Page): Promise<void> {
  await page.locator('[data-testid=hub-status]').waitFor();
  await page.locator('[data-testid=refused][data-count="1"]').waitFor();
  // Online: its pill's words are the longest it has ("Dalam talian").
  await page.locator('[data-testid=online][data-online=true]').waitFor({ timeout: 20_000 });
}

/** Every pill shown, none over another or a control, in one row; photographed as `name`. */
async function everyPillSideBySide(page: Page, name: string, { language, width, height }: (typeof EVERY_SCREEN)[number]): Promise<void> {
  const where = `${language}-${width}x${height}`;
  await page.setViewportSize({ width, height });
  await chooseLanguage(page, language);
  for (const pill of ['online', 'queued', 'unknown', 'refused', 'scanner', 'hub-status']) expect(await page.getByTestId(pill).isVisible(), pill).toBe(true);
  // Closed up to its icon, the line's pill still says what it is: in its tooltip, and to a screen reader.
  const online = page.getByTestId('online');
  expect(await online.getAttribute('title')).toBe(ONLINE[language]);
  expect(await online.innerText()).toBe(ONLINE[language]);
  // One row, and no pill or control over another (headerCollisions, by their boxes).
  await checkScreen(page, `counter joined with a refusal ${name} ${where}`);
  await shot(page, name, where);
}

let rm: RunningSandbox;
let app: RunningApp;
beforeAll(async () => {
  rm = await startSandbox({ apps: [] });
  app = await startApp({ rmHosts: { sandbox: { apiUrl: rm.url, oauthUrl: rm.url } }, seed: seedJoinedWithRefusal });
  const { page } = app;
  await counterReady(page);
  await unlockManager(page);
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('environment-sandbox').check();
  await page.getByTestId('environment-save').click();
  await page.getByTestId('environment-confirm-yes').click();
  await everyPillIn(page);
  await page.getByTestId('nav-counter').click();
});
afterAll(async () => {
  await app?.close();
  await rm?.close();
});

describe('the header of a joined terminal with a refusal on its pill', () => {
  it.each(EVERY_SCREEN)('$language at $width x $height: every pill and control side by side', async (screen) => {
    await everyPillSideBySide(app.page, 'status-bar-joined-refused', screen);
  });
});

describe('the same header with a keyboard-mode scanner, whose pill has longer words than a USB scanner\'s', () => {
  beforeAll(async () => {
    const { page } = app;
    await useKeyboardScanner(page);
    await everyPillIn(page);
  });

  it.each(EVERY_SCREEN)('$language at $width x $height: every pill and control side by side', async (screen) => {
    await everyPillSideBySide(app.page, 'status-bar-joined-refused-keyboard', screen);
  });
});
