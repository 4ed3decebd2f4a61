// The core in its own process, as the desktop app and the browser host run it: a real Node child speaking the channel
// protocol, the keychain and training's sandbox in this (host) process, restarts when the child dies, and both ends
// refusing messages that do not parse.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelEnd } from '../../app/core-process/protocol.ts';
import { serveCore } from '../../app/core-process/serve-core.ts';
import { sinkLogger } from '../../app/logging/logger.ts';
import { databasePath } from '../../app/paths.ts';
import { CoreProcess, type CoreLauncher } from '../../main/core-process/core-process.ts';
import { nodeCoreLauncher } from '../../main/core-process/node-launcher.ts';
import { MemorySecretStore, makeProcessRig, TEST_CALLER, type ProcessRig } from '../fixtures/core-rig.ts';
import { BY_PHONE } from '../fixtures/award-rig.ts';
import { until } from '../fixtures/until.ts';

const rigs: ProcessRig[] = [];
async function rig(options: Parameters<typeof makeProcessRig>[0] = {}, dataDir?: string): Promise<ProcessRig> {
  const made = await makeProcessRig({ restartDelaysMs: [50], ...options }, dataDir);
  rigs.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((made) => made.close()));
});

const sale = (amountSen = 1250) => ({ id: randomUUID(), amountSen, member: BY_PHONE });

/** A real core process whose messages to the host pass through `relay` first (to drop or change them). */
function interceptedLauncher(relay: (message: unknown, deliver: (message: unknown) => void) => void): CoreLauncher {
  return () => {
    const launched = nodeCoreLauncher()();
    return {
      ...launched,
      channel: {
        post: (message) => launched.channel.post(message),
        onMessage: (listener) => launched.channel.onMessage((message) => relay(message, listener)),
      },
    };
  };
}


describe('the core in its own process', () => {
  it('runs in another process and answers the contract, with its events forwarded', async () => {
    const core = await rig();
    expect(core.core.pid).toBeGreaterThan(0);
    expect(core.core.pid).not.toBe(process.pid);
    expect(await core.dispatch('app.info', {})).toMatchObject({ ok: true, value: { environment: 'training', host: 'browser' } });
    const submitted = await core.dispatch('award.submit', sale());
    expect(submitted).toMatchObject({ ok: true, value: { settled: true, award: { state: 'AWARDED' } } });
    expect(core.events.some((e) => e.event === 'award.updated' && (e.payload as { state: string }).state === 'AWARDED')).toBe(true);
    expect(core.events.some((e) => e.event === 'queue.changed')).toBe(true);
  });

  it('refuses a bad payload on this side as the core would, without asking the core', async () => {
    const core = await rig();
    expect(await core.dispatch('award.submit', { id: 'not-a-uuid', amountSen: 1, member: BY_PHONE })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'id' } });
    expect(await core.dispatch('award.nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('keeps the keychain in the host: secrets set through the contract land in the host\'s store', async () => {
    const store = new MemorySecretStore();
    const core = await rig({ secrets: () => store });
    expect(await core.dispatch('settings.update', { environment: 'sandbox' })).toMatchObject({ ok: true });
    const set = await core.dispatch('credentials.set', { clientId: 'c', clientSecret: 'kept-by-the-host' });
    expect(set).toMatchObject({ ok: true, value: { clientSecretSet: true } });
    expect(await store.get('clientSecret')).toEqual({ state: 'found', value: 'kept-by-the-host' });
  });

  it('restarts a core that dies mid-award: the call is told, the award is UNKNOWN as after a crash, the manager is locked, work goes on', async () => {
    const core = await rig();
    const firstPid = core.core.pid;
    await core.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' });
    // RM applies the award at once and answers 5 s later: the core dies between the two.
    core.training.sandbox?.setFault({ mode: 'latency', latencyMs: 5_000, path: '/v3/loyalty/spending-reward', count: 1 });
    const award = sale();
    const inFlight = core.dispatch('award.submit', award);
    // RM has applied it (its ledger says so) and has not answered: the worst moment to die.
    await until(() => core.training.sandbox?.ledger().length === 1, 'RM to apply the award');
    core.core.kill();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await until(() => core.core.status.state === 'running' && core.core.status.restarts === 1, 'the restart');
    expect(core.core.pid).not.toBe(firstPid);
    const statuses = core.events.filter((e) => e.event === 'core.status').map((e) => (e.payload as { state: string }).state);
    expect(statuses.slice(-2)).toEqual(['restarting', 'running']);
    expect(core.events.some((e) => e.event === 'manager.locked')).toBe(true);
    expect(await core.dispatch('manager.status', {})).toMatchObject({ ok: true, value: { unlocked: false, pinSet: true } });
    const detail = await core.dispatch('award.get', { id: award.id });
    expect(detail).toMatchObject({ ok: true, value: { award: { state: 'UNKNOWN' }, attempts: [{ outcome: 'interrupted' }] } });
    expect(core.training.sandbox?.ledger()).toHaveLength(1);
    expect(await core.dispatch('award.submit', sale(999))).toMatchObject({ ok: true, value: { award: { amountSen: 999, state: 'AWARDED' } } });
  });

  it('training\'s sandbox keeps its port, balances and ledger across an environment switch and a restart of the host', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kaunter-training-'));
    const first = await makeProcessRig({}, dataDir);
    expect(await first.dispatch('award.submit', sale())).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
    const port = first.training.sandbox?.port;
    expect(await first.dispatch('settings.update', { environment: 'sandbox' })).toMatchObject({ ok: true });
    expect(await first.dispatch('settings.update', { environment: 'training' })).toMatchObject({ ok: true });
    expect(await first.dispatch('award.submit', sale())).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
    expect(first.training.sandbox?.port).toBe(port);
    expect(first.training.sandbox?.ledger()).toHaveLength(2);
    const balance = first.training.sandbox?.member('6190354873541245312')?.loyaltyPoint;
    await first.close();

    const second = await rig({}, dataDir);
    expect(second.training.sandbox?.port).toBe(port);
    expect(second.training.sandbox?.ledger()).toHaveLength(2);
    expect(second.training.sandbox?.member('6190354873541245312')?.loyaltyPoint).toBe(balance);
  });

  it('a core that is alive but answers nothing is stopped by the watchdog and started again', async () => {
    let silent = false;
    const launcher = interceptedLauncher((message, deliver) => silent || deliver(message));
    const core = await rig({ launchCore: launcher, watchdog: { everyMs: 100, stuckAfterMs: 600 } });
    const firstPid = core.core.pid;
    silent = true;
    const hanging = core.dispatch('queue.status', {});
    await until(() => core.core.status.state === 'restarting', 'the watchdog to stop the silent core', 10_000);
    expect(await hanging).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    silent = false;
    await until(() => core.core.status.state === 'running', 'the restart', 10_000);
    expect(core.core.pid).not.toBe(firstPid);
    expect(core.logLines.some((line) => line.includes('no answer for'))).toBe(true);
    expect(await core.dispatch('queue.status', {})).toMatchObject({ ok: true });
  });

  it('the host checks each answer against the contract too: a core that answers outside it leaks nothing', async () => {
    let tamper: 'add a field' | 'break the shape' | null = null;
    const launcher = interceptedLauncher((message, deliver) => {
      const answer = message as { kind: string; result?: { ok: boolean; value?: unknown } };
      if (tamper === null || answer.kind !== 'result') return deliver(message);
      const result = answer.result ?? { ok: false };
      const value = tamper === 'add a field' ? { ...(result.value as object), privateKeyPem: 'PRIVATE-KEY-FROM-A-BAD-CORE' } : { queued: 'many' };
      deliver({ ...answer, result: { ...result, value } });
    });
    const core = await rig({ launchCore: launcher });
    tamper = 'add a field';
    const widened = await core.dispatch('queue.status', {});
    expect(widened).toMatchObject({ ok: true });
    expect(JSON.stringify(widened)).not.toContain('PRIVATE-KEY-FROM-A-BAD-CORE');
    tamper = 'break the shape';
    expect(await core.dispatch('queue.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(core.logLines.some((line) => line.includes('queue.status produced a result outside its schema'))).toBe(true);
  });

  it('an error without its catalogue key is refused at the boundary: the screens would show it in English only', async () => {
    let stripKey = false;
    const launcher = interceptedLauncher((message, deliver) => {
      const answer = message as { kind: string; result?: { ok: boolean; error?: { key?: string } } };
      if (!stripKey || answer.kind !== 'result' || answer.result?.ok !== false) return deliver(message);
      const { key: _key, ...keyless } = answer.result.error ?? {};
      deliver({ ...answer, result: { ok: false, error: keyless } });
    });
    const core = await rig({ launchCore: launcher });
    // The manager's history while the PIN pad is locked: the core refuses it, with its key.
    expect(await core.dispatch('history.page', { filter: {}, cursor: null, limit: 5 })).toMatchObject({ ok: false, error: { code: 'LOCKED', key: 'error.LOCKED' } });
    stripKey = true;
    expect(await core.dispatch('history.page', { filter: {}, cursor: null, limit: 5 })).toMatchObject({ ok: false, error: { code: 'INTERNAL', key: 'error.badAnswer' } });
    expect(core.logLines.some((line) => line.includes('history.page answered with something that is not a result'))).toBe(true);
  });

  it('the host knows the secrets it hands the core, so its own log redacts them by value', async () => {
    const core = await rig();
    await core.dispatch('settings.update', { environment: 'sandbox' });
    expect(await core.dispatch('credentials.set', { clientId: 'c', clientSecret: 'handed-over-in-main-42' })).toMatchObject({ ok: true });
    core.log.warn('something quoted the value handed-over-in-main-42 by mistake');
    expect(core.logLines.at(-1)).toContain('by mistake');
    expect(core.logLines.join('\n')).not.toContain('handed-over-in-main-42');
  });

  it('sends the host no log line below the level the host\'s log keeps: a drain does not ship a debug line per award step', async () => {
    const sent = { debug: [] as string[], info: [] as string[] };
    for (const logLevel of ['debug', 'info'] as const) {
      const launchCore = interceptedLauncher((message, deliver) => {
        const line = message as { kind?: string; level?: string };
        if (line.kind === 'log' && line.level) sent[logLevel].push(line.level);
        deliver(message);
      });
      const made = await rig({ logLevel, launchCore });
      expect(await made.dispatch('award.submit', sale())).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
    }
    expect(sent.debug).toContain('debug');
    expect(sent.info).toContain('info');
    expect(sent.info).not.toContain('debug');
  });

  it('a call made while the core restarts waits for it', async () => {
    const core = await rig({ restartDelaysMs: [300] });
    core.core.kill();
    await until(() => core.core.status.state === 'restarting', 'the restart to begin');
    const answer = await core.dispatch('queue.status', {});
    expect(answer).toMatchObject({ ok: true });
    expect(core.core.status.restarts).toBe(1);
  });

  it('does not start when the core cannot open its database, and says why', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kaunter-core-bad-'));
    writeFileSync(databasePath(dataDir, 'training'), 'this is not a database, it is a text file long enough to have a header');
    await expect(makeProcessRig({}, dataDir)).rejects.toThrow(/data file is damaged. Do not delete it/);
  });
});

describe('messages that do not parse', () => {
  it('the host drops them from the core and logs it, and keeps working', async () => {
    const logs: string[] = [];
    const launcher: CoreLauncher = () => {
      const launched = nodeCoreLauncher()();
      let garbageSent = false;
      return {
        ...launched,
        channel: {
          post: (message) => launched.channel.post(message),
          onMessage: (listener) =>
            launched.channel.onMessage((message) => {
              if (!garbageSent) {
                garbageSent = true;
                for (const garbage of [null, 42, { kind: 'result' }, { kind: 'event', name: 'secret.leak', payload: {} }, { kind: 'event', name: 'award.updated', payload: { id: 1 } }]) listener(garbage);
              }
              listener(message);
            }),
        },
      };
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'kaunter-core-garbage-'));
    const emitted: string[] = [];
    const core = await CoreProcess.start(launcher, {
      init: { dataDir, host: 'browser', version: 'test', downloadsDir: dataDir, rmHosts: {} },
      secrets: () => new MemorySecretStore(),
      scanner: null,
      trainingRm: () => Promise.reject(new Error('no training here')),
      log: sinkLogger((_level, line) => void logs.push(line)),
      emit: (event) => void emitted.push(event),
    }).catch((error: unknown) => error as Error);
    expect(logs.filter((line) => line.includes('does not parse'))).toHaveLength(3);
    expect(logs.some((line) => line.includes('dropped an unknown event'))).toBe(true);
    expect(logs.some((line) => line.includes('award.updated event outside its schema'))).toBe(true);
    expect(emitted).not.toContain('secret.leak');
    // Training is refused here, so the core says why it could not open: that reason reaches the host intact.
    expect(core).toBeInstanceOf(Error);
    expect((core as Error).message).toContain('no training here');
  });

  it('the core drops them from the host and logs it', async () => {
    const posted: unknown[] = [];
    let deliver: (message: unknown) => void = () => undefined;
    const channel: ChannelEnd = { post: (message) => void posted.push(message), onMessage: (listener) => (deliver = listener) };
    const closed = serveCore(channel);
    const garbage = [
      null,
      'init',
      { kind: 'init' },
      { kind: 'call', id: -1, caller: TEST_CALLER, method: 'app.info' },
      { kind: 'answer', id: 0, answer: { ok: 'yes' } },
      // A call names its caller, with a role the contract knows: the core keeps the manager's sessions by it.
      { kind: 'call', id: 2, method: 'app.info', payload: {} },
      { kind: 'call', id: 3, caller: { id: 'x', role: 'manager' }, method: 'app.info', payload: {} },
      { kind: 'call', id: 4, caller: { id: '', role: 'counter' }, method: 'app.info', payload: {} },
      { kind: 'caller.gone' },
    ];
    for (const message of garbage) deliver(message);
    expect(posted.filter((m) => (m as { kind: string; line?: string }).kind === 'log' && (m as { line: string }).line.includes('does not parse'))).toHaveLength(garbage.length);
    deliver({ kind: 'call', id: 1, caller: TEST_CALLER, method: 'app.info', payload: {} });
    await until(() => posted.some((m) => (m as { kind: string }).kind === 'result'), 'the answer');
    expect(posted.find((m) => (m as { kind: string }).kind === 'result')).toMatchObject({ result: { ok: false, error: { code: 'UNAVAILABLE' } } });
    deliver({ kind: 'close' });
    await closed;
  });
});
