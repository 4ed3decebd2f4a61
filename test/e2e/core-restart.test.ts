// The core's own process is killed (SIGKILL) in the middle of sending a backlog, with the counter open in Chromium: the
// host restarts it, the status bar says so, sending resumes by itself, and no award is lost or given twice (RM's
// ledger against the nonces the outbox recorded before each send). And killed while the cashier's own award is on its
// way to RM: the counter shows that award's outcome once the core is back, not a form that would award it again.
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../app/paths.ts';
import { startApp, type RunningApp } from './harness.ts';
import { counterReady, MEMBERS, outcome, typeAmount, typePhone, waitForCount } from './counter-page.ts';
import { until } from '../fixtures/until.ts';

const AWARDS = 40;

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
  await counterReady(app.page);
});
afterAll(async () => app?.close());


describe('the core process dies during a drain', () => {
  it('is restarted, the status bar says so, sending resumes, and nothing is lost or doubled', async () => {
    const { page, host, sandbox } = app;
    // A backlog: RM unreachable while the awards are made, so they queue.
    await sandbox.refuseConnections(true);
    for (let i = 0; i < AWARDS; i += 1) {
      const submitted = await host.core.call('award.submit', { id: randomUUID(), amountSen: 100 + i, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: MEMBERS.nurul.national } });
      expect(submitted.ok).toBe(true);
    }
    await waitForCount(page, 'queued', AWARDS);

    // RM is back and slow (each award applied at once, answered 40 ms later): kill the core a few awards in.
    sandbox.setFault({ mode: 'latency', latencyMs: 40, path: '/v3/loyalty/spending-reward' });
    await sandbox.refuseConnections(false);
    expect(await host.core.call('queue.retryNow', {})).toMatchObject({ ok: true });
    await until(() => sandbox.ledger().length >= 8, 'the drain to get going');
    const pidBefore = host.core.pid;
    host.core.kill();

    await page.locator('[data-testid=core-status][data-state=restarted]').waitFor({ timeout: 30_000 });
    expect(host.core.pid).not.toBe(pidBefore);
    expect(host.core.status).toMatchObject({ state: 'running', restarts: 1 });
    await app.screenshot('counter-core-restarted');
    expect(await page.getByTestId('core-status').innerText()).toMatch(/^Restarted at /);

    // Sending resumes by itself (nobody presses Retry); the award the kill interrupted waits for a manager.
    await waitForCount(page, 'queued', 0, 60_000);

    const db = new Database(databasePath(app.dataDir, 'training'), { readonly: true });
    try {
      const awards = db.prepare('SELECT id, state FROM awards').all() as Array<{ id: string; state: string }>;
      const attempts = db.prepare('SELECT award_id, nonce, outcome FROM attempts').all() as Array<{ award_id: string; nonce: string; outcome: string | null }>;
      expect(awards).toHaveLength(AWARDS);
      const awardOfNonce = new Map(attempts.map((a) => [a.nonce, a.award_id]));
      const ledger = sandbox.ledger();
      expect(ledger.filter((entry) => !awardOfNonce.has(entry.nonce))).toEqual([]);
      const applied = new Map<string, number>();
      for (const entry of ledger) applied.set(awardOfNonce.get(entry.nonce) as string, (applied.get(awardOfNonce.get(entry.nonce) as string) ?? 0) + 1);
      for (const award of awards) {
        expect(applied.get(award.id) ?? 0, `award ${award.id} (${award.state})`).toBeLessThanOrEqual(1);
        expect(['AWARDED', 'UNKNOWN']).toContain(award.state);
        if (award.state === 'AWARDED') expect(applied.get(award.id)).toBe(1);
      }
      // At most the one award in flight at the kill is UNKNOWN, its attempt marked interrupted; the rest went out.
      const unknown = awards.filter((a) => a.state === 'UNKNOWN');
      expect(unknown.length).toBeLessThanOrEqual(1);
      for (const award of unknown) expect(attempts.find((a) => a.award_id === award.id)?.outcome).toBe('interrupted');
      expect(ledger.length).toBeGreaterThanOrEqual(AWARDS - 1);
    } finally {
      db.close();
    }
  });
});

describe("the core process dies while the cashier's award is on its way", () => {
  it('shows that award as waiting for a manager once the core is back, and RM has it once', async () => {
    const { page, host, sandbox } = app;
    await waitForCount(page, 'queued', 0, 60_000);
    // RM applies the award at once and answers 10 s later: the kill lands between the two.
    sandbox.setFault({ mode: 'latency', latencyMs: 10_000, path: '/v3/loyalty/spending-reward' });
    const before = sandbox.ledger().length;
    try {
      await typeAmount(page, '43.21');
      await typePhone(page, MEMBERS.weiMing.phone);
      await page.getByTestId('confirm').click();
      await until(() => sandbox.ledger().length > before, 'RM to apply the award');
      host.core.kill();
      // The cashier sees this sale's outcome (RM may have credited it: a manager checks), not a form to confirm again.
      expect(await outcome(page, 'review')).toContain('RM 43.21');
    } finally {
      sandbox.setFault(null);
    }
    expect(await page.locator('#amount').inputValue()).toBe('');
    expect(sandbox.ledger().filter((entry) => entry.amount === 4321)).toHaveLength(1);
    const db = new Database(databasePath(app.dataDir, 'training'), { readonly: true });
    try {
      expect(db.prepare('SELECT state FROM awards WHERE amount_sen = 4321').all()).toEqual([{ state: 'UNKNOWN' }]);
    } finally {
      db.close();
    }
  });
});
