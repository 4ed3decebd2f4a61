// IPC registration: one channel per contract method (no generic channel), and every message's sender frame checked
// before the dispatcher sees it.
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Caller, type Result } from '../../app/contract.ts';
import { CallerRegistry } from '../../main/callers/caller-registry.ts';
import { CHANNEL_PREFIX, EVENT_CHANNEL, FOREIGN_SENDER, registerIpc, windowListener, type IpcRegistrar } from '../../main/ipc/channels.ts';
import type { IpcSenderEvent, SenderFrame } from '../../main/ipc/sender.ts';

class FakeIpc implements IpcRegistrar {
  readonly handlers = new Map<string, (event: IpcSenderEvent, payload: unknown) => Promise<Result<unknown>>>();
  handle(channel: string, listener: (event: IpcSenderEvent, payload: unknown) => Promise<Result<unknown>>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

const WINDOW_ID = 7;
const DISPLAY_ID = 9;
const COUNTER: Caller = { id: 'counter-window:7', role: 'counter' };
const DISPLAY: Caller = { id: 'display-window:9', role: 'display' };
const appFrame: SenderFrame = { url: 'app://kaunter/', origin: 'app://kaunter', parent: null };
const event = (frame: SenderFrame | null, senderId = WINDOW_ID): IpcSenderEvent => ({ sender: { id: senderId }, senderFrame: frame });

function setUp() {
  const ipc = new FakeIpc();
  const calls: Array<[Caller, unknown, unknown]> = [];
  const windows = [{ contentsId: WINDOW_ID, caller: COUNTER }, { contentsId: DISPLAY_ID, caller: DISPLAY }];
  const unregister = registerIpc(ipc, (caller, method, payload) => {
    calls.push([caller, method, payload]);
    return Promise.resolve({ ok: true, value: 'dispatched' });
  }, () => windows);
  return { ipc, calls, unregister };
}

describe('IPC registration', () => {
  it('registers exactly one channel per contract method, and nothing generic', () => {
    const { ipc, unregister } = setUp();
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `${CHANNEL_PREFIX}${m}`).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes a message from our window\'s top frame on app://kaunter to the dispatcher', async () => {
    const { ipc, calls } = setUp();
    const answer = await ipc.handlers.get('kaunter:award.submit')?.(event(appFrame), { amountSen: 1 });
    expect(answer).toEqual({ ok: true, value: 'dispatched' });
    expect(calls).toEqual([[COUNTER, 'award.submit', { amountSen: 1 }]]);
  });

  it('names the caller by the window the message came from: the customer display is a caller of its own', async () => {
    const { ipc, calls } = setUp();
    await ipc.handlers.get('kaunter:app.info')?.(event(appFrame, DISPLAY_ID), {});
    expect(calls).toEqual([[DISPLAY, 'app.info', {}]]);
  });

  const foreign: Array<[string, IpcSenderEvent]> = [
    ['another origin', event({ url: 'https://evil.example/', origin: 'https://evil.example', parent: null })],
    ['a file:// page', event({ url: 'file:///etc/passwd', origin: 'file://', parent: null })],
    ['a data: URL', event({ url: 'data:text/html,hi', origin: 'null', parent: null })],
    ['http on loopback', event({ url: 'http://127.0.0.1:8080/', origin: 'http://127.0.0.1:8080', parent: null })],
    ['a subframe of our page', event({ ...appFrame, parent: {} })],
    ['a frame gone after navigation', event(null)],
    ['a disposed frame', event({ ...appFrame, isDestroyed: () => true })],
    ['a frame whose properties throw', event(Object.defineProperty({ ...appFrame }, 'origin', { get: () => { throw new Error('Render frame was disposed'); } }))],
    ['another window', event(appFrame, WINDOW_ID + 1)],
  ];
  for (const [what, senderEvent] of foreign) {
    it(`refuses ${what} before dispatching`, async () => {
      const { ipc, calls } = setUp();
      for (const method of ['award.submit', 'credentials.set', 'history.exportCsv']) {
        expect(await ipc.handlers.get(`kaunter:${method}`)?.(senderEvent, {})).toEqual(FOREIGN_SENDER);
      }
      expect(calls).toEqual([]);
    });
  }

  it('refuses everything while there is no window', async () => {
    const ipc = new FakeIpc();
    registerIpc(ipc, () => Promise.resolve({ ok: true, value: 1 }), () => []);
    expect(await ipc.handlers.get('kaunter:app.info')?.(event(appFrame), {})).toEqual(FOREIGN_SENDER);
  });

  it('pushes events on one channel to our window only, and not to a destroyed one', () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const callers = new CallerRegistry(() => undefined);
    callers.join(windowListener(COUNTER, { isDestroyed: () => destroyed, send: (...args: unknown[]) => void sent.push(args) }));
    callers.emit('manager.locked', {});
    destroyed = true;
    callers.emit('manager.locked', {});
    expect(sent).toEqual([[EVENT_CHANNEL, 'manager.locked', {}]]);
  });
});
