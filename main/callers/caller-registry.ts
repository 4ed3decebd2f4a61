// Who is connected to this host, and what each may hear. Both hosts keep one: Electron for its windows (the counter,
// the customer display), the browser host for its sockets. The host names every caller when it connects (an id and a
// role fixed by how it connected), sends it only the events its role's allow-list names (a manager's event only when
// addressed to it), and tells the core when it goes, so what was that caller's (its manager session) ends with it.
import { mayHear, type Caller, type EventName, type EventPayload } from '../../app/contract.ts';

export interface Listener {
  caller: Caller;
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/**
 * Events a caller needs the latest of the moment it connects, because it may call nothing to ask for it: the newest
 * one is kept and handed to each caller that joins later.
 */
const LATEST_ON_JOIN: ReadonlySet<EventName> = new Set<EventName>(['display.state']);

export class CallerRegistry {
  private readonly listeners = new Map<string, Listener>();
  private readonly latest = new Map<EventName, unknown>();

  private readonly onGone: (callerId: string) => void;
  constructor(onGone: (callerId: string) => void) {
    this.onGone = onGone;
  }

  /** A caller connected; returns its leaving. */
  join(listener: Listener): () => void {
    this.listeners.set(listener.caller.id, listener);
    for (const [event, payload] of this.latest) {
      if (mayHear(listener.caller.role, event, false)) listener.send(event, payload as EventPayload<typeof event>);
    }
    return () => this.leave(listener.caller.id);
  }

  leave(callerId: string): void {
    if (!this.listeners.delete(callerId)) return;
    this.onGone(callerId);
  }

  /** The core's events: to the one caller addressed, or to every caller whose role may hear them. */
  readonly emit = <E extends EventName>(event: E, payload: EventPayload<E>, to?: string): void => {
    if (LATEST_ON_JOIN.has(event) && to === undefined) this.latest.set(event, payload);
    const targets = to === undefined ? [...this.listeners.values()] : [this.listeners.get(to)].filter((listener) => listener !== undefined);
    for (const listener of targets) {
      if (mayHear(listener.caller.role, event, to !== undefined)) listener.send(event, payload);
    }
  };
}
