// What a cashier and a manager do on the real, built UI, as Playwright steps; and what the sandbox says happened.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { LedgerEntry } from '../../app/sandbox/ledger.ts';
import { MANAGER, startApp, type RunningApp } from './harness.ts';

/** The training sandbox's demo members (app/sandbox/seed.ts). */
export const MEMBERS = {
  nurul: { memberId: '6190354873541245312', phone: '017-282 6990', national: '172826990' },
  weiMing: { memberId: '6190354873541245329', phone: '017-647 3298', national: '176473298' },
  muthu: { memberId: '6190354873541245336', phone: '012-345 6789', national: '123456789' },
  siti: { memberId: '6190354873541245343', phone: '019-876 5432', national: '198765432' },
  meiLing: { memberId: '6190354873541245350', phone: '016-223 3445', national: '162233445' },
} as const;

/** How the evidence says, in English, when RM recorded a credit against the attempt: "1h 59m 57s after", "3m before". */
export const TIME_FROM_ATTEMPT = /^(?:(?:(?:\d+h )?(?:\d+m )?\d+s|(?:\d+h )?\d+m|\d+h) (?:before|after)|The same second)$/;

/** A person's typing: far slower than the 50 ms a keyboard-mode scanner needs. */
export const HUMAN_DELAY_MS = 90;

/** Kaunter started once for this file's tests, at the counter; stopped after them. Call the result for the app. */
export function counterForThisFile(): () => RunningApp {
  let app: RunningApp | null = null;
  beforeAll(async () => {
    app = await startApp();
    await counterReady(app.page);
  });
  afterAll(async () => app?.close());
  return () => {
    if (!app) throw new Error('Kaunter did not start for this file.');
    return app;
  };
}

export async function counterReady(page: Page): Promise<void> {
  await page.locator('#amount').waitFor();
}

export async function typeAmount(page: Page, amount: string): Promise<void> {
  await page.locator('#amount').focus();
  await page.keyboard.type(amount, { delay: HUMAN_DELAY_MS });
  await page.keyboard.press('Enter');
}

export async function typePhone(page: Page, phone: string): Promise<void> {
  await page.locator('#member-phone').waitFor();
  await page.keyboard.type(phone, { delay: HUMAN_DELAY_MS });
  await page.keyboard.press('Enter');
}

/** Waits for RM's points (and the member's name when RM knows it). */
export async function previewShows(page: Page, points: number): Promise<void> {
  await page.getByTestId('preview').getByText(new RegExp(`^${points} points?`)).waitFor();
}

export async function outcome(page: Page, kind: string): Promise<string> {
  const panel = page.locator(`[data-testid=outcome][data-outcome="${kind}"]`);
  try {
    await panel.waitFor({ timeout: 20_000 });
  } catch (error) {
    const shown = await shownOutcome(page).catch((reading: unknown) => `nothing readable (${(reading as Error).message})`);
    throw new Error(`no "${kind}" outcome panel after 20 s; the page shows ${shown}`, { cause: error });
  }
  return (await panel.innerText()).replace(/\s+/g, ' ');
}

/** The outcome panel on screen and its words: what a wait for another one met instead (its failure says why). */
async function shownOutcome(page: Page): Promise<string> {
  const shown = page.locator('[data-testid=outcome]').first();
  if ((await shown.count()) === 0) return 'no outcome panel';
  const words = await shown.innerText({ timeout: 1_000 }).catch(() => '(unreadable)');
  const kind = await shown.getAttribute('data-outcome', { timeout: 1_000 }).catch(() => '(unreadable)');
  return `the "${kind}" panel: ${words.replace(/\s+/g, ' ')}`;
}

export async function count(page: Page, testId: 'queued' | 'unknown'): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-count'));
}

export async function waitForCount(page: Page, testId: 'queued' | 'unknown', expected: number, timeout = 30_000): Promise<void> {
  await page.locator(`[data-testid=${testId}][data-count="${expected}"]`).waitFor({ timeout });
}

export function ledgerFor(app: RunningApp, memberId: string): LedgerEntry[] {
  return app.sandbox.ledger().filter((entry) => entry.memberId === memberId);
}

/** The manager's History from wherever the page is: the PIN pad answered if it asks (it does not while unlocked). */
export async function openManagerHistory(page: Page): Promise<void> {
  await page.getByTestId('nav-manager').click();
  await page.locator('#pin, [data-testid=tab-history]').first().waitFor();
  if ((await page.locator('#pin').count()) > 0) {
    await page.locator('#pin').fill(MANAGER.pin);
    await page.getByTestId('pin-unlock').click();
  }
  await page.getByTestId('tab-history').click();
}

export async function unlockManager(page: Page): Promise<void> {
  await page.getByTestId('nav-manager').click();
  await page.locator('#pin').fill(MANAGER.pin);
  await page.getByTestId('pin-unlock').click();
  await page.getByTestId('tab-history').waitFor();
}

/** The scanner set to keyboard mode (as a shop without a HID scanner has it), the page reloaded to read typing as scans. */
export async function useKeyboardScanner(page: Page): Promise<void> {
  const changed = await page.evaluate(async (pin) => {
    const api = window.kaunter;
    await api.manager.unlock({ pin });
    const saved = await api.settings.update({ scannerMode: 'keyboard' });
    await api.manager.lock({});
    return saved.ok;
  }, MANAGER.pin);
  expect(changed).toBe(true);
  await page.reload();
  await page.locator('[data-testid=scanner][data-state=keyboard]').waitFor();
}

export async function backToCounter(page: Page): Promise<void> {
  await page.getByTestId('nav-counter').click();
  await counterReady(page);
}

export function expectOneEntry(entries: LedgerEntry[], amountSen: number, type: LedgerEntry['type']): LedgerEntry {
  expect(entries.map((entry) => ({ amount: entry.amount, type: entry.type }))).toEqual([{ amount: amountSen, type }]);
  return entries[0] as LedgerEntry;
}
