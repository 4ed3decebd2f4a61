// What each caller hears (issue 13 part 1: the customer display receives only the events it needs; issue 11 item 3: a
// manager's event reaches only the caller it is for). Both hosts send the core's events through this registry.
import { describe, expect, it } from 'vitest';
import type { Caller, EventName, QueueStatus } from '../../app/contract.ts';
import { CallerRegistry, type Listener } from '../../main/callers/caller-registry.ts';

const COUNTER: Caller = { id: 'socket:counter', role: 'counter' };
const OTHER_COUNTER: Caller = { id: 'socket:other', role: 'counter' };
const DISPLAY: Caller = { id: 'display:one', role: 'display' };

const QUEUE: QueueStatus = { queued: 0, sending: 0, unknown: 0, online: true, paused: null, sendingEnabled: true };
const DISPLAY_STATE = { storeName: 'Kedai', language: 'en', training: false, view: { kind: 'idle' } } as const;

function listening(caller: Caller): { listener: Listener; heard: EventName[] } {
  const heard: EventName[] = [];
  return { listener: { caller, send: (event) => void heard.push(event) }, heard };
}

/** A registry with these callers joined; what each has heard, in their order. */
function joined(...callers: Caller[]): { registry: CallerRegistry; heard: EventName[][] } {
  const registry = new CallerRegistry(() => undefined);
  const listeners = callers.map(listening);
  listeners.forEach(({ listener }) => registry.join(listener));
  return { registry, heard: listeners.map(({ heard }) => heard) };
}

describe('the caller registry', () => {
  it("sends a display only the display's state, and a counter everything but it", () => {
    const { registry, heard } = joined(COUNTER, DISPLAY);
    registry.emit('queue.changed', QUEUE);
    registry.emit('manager.locked', {});
    registry.emit('display.state', DISPLAY_STATE);
    registry.emit('manager.locked', {}, DISPLAY.id);
    expect(heard).toEqual([['queue.changed', 'manager.locked'], ['display.state']]);
  });

  it("sends a manager's event only to the caller it is addressed to, and without an address to nobody", () => {
    const { registry, heard } = joined(COUNTER, OTHER_COUNTER);
    registry.emit('export.progress', { done: 1, total: 2 }, COUNTER.id);
    registry.emit('export.progress', { done: 2, total: 2 });
    registry.emit('manager.locked', {}, OTHER_COUNTER.id);
    expect(heard).toEqual([['export.progress'], ['manager.locked']]);
  });

  it('hands a display that joins later the latest state at once, and tells the core when a caller goes', () => {
    const gone: string[] = [];
    const callers = new CallerRegistry((id) => void gone.push(id));
    callers.emit('display.state', DISPLAY_STATE);
    callers.emit('queue.changed', QUEUE);
    const display = listening(DISPLAY);
    const counter = listening(COUNTER);
    const leave = callers.join(display.listener);
    callers.join(counter.listener);
    expect(display.heard).toEqual(['display.state']);
    expect(counter.heard).toEqual([]);
    leave();
    leave();
    callers.leave(COUNTER.id);
    expect(gone).toEqual([DISPLAY.id, COUNTER.id]);
  });
});
