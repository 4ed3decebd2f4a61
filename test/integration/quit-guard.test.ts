// Quitting with the award in each state, through the QuitGuard with Electron's quit events behind its interface (the
// `_electron` smoke test covers the real ones where Electron exists): the real core in its own process, training's
// sandbox for RM, and the database checked afterwards.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../app/logging/logger.ts';
import { databasePath } from '../../app/paths.ts';
import { IN_FLIGHT_GRACE_MS, QuitGuard, type QueuedChoice, type QuitLifecycle } from '../../main/quit/quit-guard.ts';
import { BY_PHONE } from '../fixtures/award-rig.ts';
import { makeProcessRig, type ProcessRig } from '../fixtures/core-rig.ts';
import { until } from '../fixtures/until.ts';

/** Electron's app and window events, driven by the test. */
class FakeLifecycle implements QuitLifecycle {
  private quitHandler: (request: { cancel(): void }) => void = () => undefined;
  private shutdownHandler: () => void = () => undefined;
  exited = false;
  cancelled = 0;

  onQuitRequested(handler: (request: { cancel(): void }) => void): void {
    this.quitHandler = handler;
  }

  onShutdown(handler: () => void): void {
    this.shutdownHandler = handler;
  }

  exit(): void {
    this.exited = true;
  }

  requestQuit(): void {
    this.quitHandler({ cancel: () => (this.cancelled += 1) });
  }

  shutDown(): void {
    this.shutdownHandler();
  }
}

/** The cashier's answer to "N awards have not been sent"; `never` leaves the dialog open. */
function prompt(answer: QueuedChoice | 'never'): { asked: Array<{ queued: number; language: string }>; ask(queued: number, language: 'en' | 'ms' | 'zh'): Promise<QueuedChoice> } {
  const asked: Array<{ queued: number; language: string }> = [];
  return {
    asked,
    ask(queued, language) {
      asked.push({ queued, language });
      return answer === 'never' ? new Promise(() => undefined) : Promise.resolve(answer);
    },
  };
}

const rigs: ProcessRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.close()));
});

async function terminal(dataDir = mkdtempSync(join(tmpdir(), 'kaunter-quit-'))): Promise<ProcessRig> {
  const rig = await makeProcessRig({}, dataDir);
  rigs.push(rig);
  return rig;
}

function guard(rig: ProcessRig, answer: QueuedChoice | 'never', graceMs?: number) {
  const lifecycle = new FakeLifecycle();
  const cashier = prompt(answer);
  new QuitGuard({ call: (method, input) => rig.core.call(method, input), close: (ms) => rig.core.close(ms) }, cashier, lifecycle, silentLogger(), graceMs);
  return { lifecycle, cashier };
}

function states(dataDir: string): string[] {
  const db = new Database(databasePath(dataDir, 'training'), { readonly: true });
  try {
    return (db.prepare('SELECT state FROM awards ORDER BY seq').all() as Array<{ state: string }>).map((row) => row.state);
  } finally {
    db.close();
  }
}

const sale = () => ({ id: randomUUID(), amountSen: 1250, member: BY_PHONE });

describe('quitting', () => {
  it('gives an award in flight 10 seconds by default', () => {
    expect(IN_FLIGHT_GRACE_MS).toBe(10_000);
  });

  it('with nothing queued: quits at once, asking nothing', async () => {
    const rig = await terminal();
    expect(await rig.dispatch('award.submit', sale())).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
    const { lifecycle, cashier } = guard(rig, 'send');
    lifecycle.requestQuit();
    await until(() => lifecycle.exited, 'the exit');
    expect(lifecycle.cancelled).toBe(1);
    expect(cashier.asked).toEqual([]);
    expect(rig.core.pid).toBeUndefined();
  });

  it('with awards queued: says how many; "quit anyway" leaves them queued, and they go out at the next start', async () => {
    const rig = await terminal();
    await rig.dispatch('app.info', {});
    await rig.training.sandbox?.refuseConnections(true);
    for (let i = 0; i < 2; i += 1) expect(await rig.dispatch('award.submit', sale())).toMatchObject({ ok: true, value: { award: { state: 'QUEUED' } } });
    const { lifecycle, cashier } = guard(rig, 'quit');
    lifecycle.requestQuit();
    await until(() => lifecycle.exited, 'the exit');
    expect(cashier.asked).toEqual([{ queued: 2, language: 'en' }]);
    expect(states(rig.dataDir)).toEqual(['QUEUED', 'QUEUED']);
    await rig.training.close();

    const next = await terminal(rig.dataDir);
    await next.dispatch('queue.retryNow', {});
    await until(() => states(rig.dataDir).every((state) => state === 'AWARDED'), 'the queued awards to go out', 30_000, 50);
    expect(next.training.sandbox?.ledger()).toHaveLength(2);
  });

  it('with awards queued: "send now" tries to send them and keeps Kaunter open; "cancel" just stays', async () => {
    const rig = await terminal();
    await rig.dispatch('app.info', {});
    await rig.training.sandbox?.refuseConnections(true);
    expect(await rig.dispatch('award.submit', sale())).toMatchObject({ ok: true, value: { award: { state: 'QUEUED' } } });
    await rig.training.sandbox?.refuseConnections(false);
    const { lifecycle, cashier } = guard(rig, 'send');
    lifecycle.requestQuit();
    await until(() => states(rig.dataDir)[0] === 'AWARDED', 'the award to be sent', 30_000, 50);
    expect(cashier.asked).toHaveLength(1);
    expect(lifecycle.exited).toBe(false);
    expect(lifecycle.cancelled).toBe(1);

    const stay = guard(rig, 'stay');
    await rig.training.sandbox?.refuseConnections(true);
    await rig.dispatch('award.submit', sale());
    stay.lifecycle.requestQuit();
    await until(() => stay.cashier.asked.length === 1, 'the question');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stay.lifecycle.exited).toBe(false);
    expect(await rig.dispatch('queue.status', {})).toMatchObject({ ok: true, value: { queued: 1 } });
  });

  it('with an award in flight: waits for its answer, then quits with it AWARDED', async () => {
    const rig = await terminal();
    await rig.dispatch('app.info', {});
    rig.training.sandbox?.setFault({ mode: 'latency', latencyMs: 1_500, path: '/v3/loyalty/spending-reward', count: 1 });
    const submitted = rig.dispatch('award.submit', sale());
    await until(() => rig.training.sandbox?.ledger().length === 1, 'RM to apply the award');
    const { lifecycle, cashier } = guard(rig, 'quit');
    lifecycle.requestQuit();
    await until(() => lifecycle.exited, 'the exit', 15_000);
    expect(cashier.asked).toEqual([]);
    expect(states(rig.dataDir)).toEqual(['AWARDED']);
    await submitted;
  });

  it('with an award in flight past the grace period: quits anyway; at the next start it is UNKNOWN, for a manager', async () => {
    const rig = await terminal();
    await rig.dispatch('app.info', {});
    rig.training.sandbox?.setFault({ mode: 'latency', latencyMs: 20_000, path: '/v3/loyalty/spending-reward', count: 1 });
    void rig.dispatch('award.submit', sale());
    await until(() => rig.training.sandbox?.ledger().length === 1, 'RM to apply the award');
    const { lifecycle } = guard(rig, 'quit', 500);
    const started = Date.now();
    lifecycle.requestQuit();
    await until(() => lifecycle.exited, 'the exit', 15_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(states(rig.dataDir)).toEqual(['SENDING']);
    await rig.training.close();
    const next = await terminal(rig.dataDir);
    await next.dispatch('app.info', {});
    expect(states(rig.dataDir)).toEqual(['UNKNOWN']);
  });

  it('a core that answers nothing cannot keep Kaunter open: the guard stops waiting for it and quits', async () => {
    const lifecycle = new FakeLifecycle();
    const cashier = prompt('quit');
    const closed: number[] = [];
    const stuckCore = { call: () => new Promise<never>(() => undefined), close: (ms: number) => Promise.resolve(void closed.push(ms)) };
    new QuitGuard(stuckCore, cashier, lifecycle, silentLogger());
    lifecycle.requestQuit();
    await until(() => lifecycle.exited, 'the exit', 10_000);
    expect(cashier.asked).toEqual([]);
    expect(closed).toEqual([IN_FLIGHT_GRACE_MS]);
  });

  it('a second quit while closing does not cut the award in flight short; a failed close still exits', async () => {
    const lifecycle = new FakeLifecycle();
    let finishClose: () => void = () => undefined;
    const slowCore = {
      call: () => Promise.resolve({ ok: true as const, value: { queued: 0, language: 'en' } }),
      close: () => new Promise<void>((_resolve, reject) => (finishClose = () => reject(new Error('the core would not close')))),
    };
    new QuitGuard(slowCore as never, prompt('quit'), lifecycle, silentLogger());
    lifecycle.requestQuit();
    await new Promise((resolve) => setTimeout(resolve, 50));
    lifecycle.requestQuit();
    lifecycle.requestQuit();
    expect(lifecycle.cancelled).toBe(3);
    expect(lifecycle.exited).toBe(false);
    finishClose();
    await until(() => lifecycle.exited, 'the exit');
  });

  it('an OS shutdown never waits on the question: it closes even with the dialog open', async () => {
    const rig = await terminal();
    await rig.dispatch('app.info', {});
    await rig.training.sandbox?.refuseConnections(true);
    await rig.dispatch('award.submit', sale());
    const { lifecycle, cashier } = guard(rig, 'never');
    lifecycle.requestQuit();
    lifecycle.requestQuit();
    await until(() => cashier.asked.length === 1, 'the question');
    lifecycle.shutDown();
    await until(() => lifecycle.exited, 'the exit');
    expect(cashier.asked).toHaveLength(1);
    expect(states(rig.dataDir)).toEqual(['QUEUED']);
  });
});
