// Messages posted in the same turn of the event loop cross the process boundary together, as one array: an award's
// last events and its answer are one write and one wake-up of the other side instead of three. The protocol's
// messages are objects, never arrays, so the receiving end can tell a batch from a message.
import type { ChannelEnd } from './protocol.ts';

export function batchedChannel(send: (batch: unknown[]) => void, subscribe: (listener: (raw: unknown) => void) => void): ChannelEnd {
  let queue: unknown[] = [];
  const flush = (): void => {
    const batch = queue;
    queue = [];
    send(batch);
  };
  return {
    post(message) {
      if (queue.length === 0) setImmediate(flush);
      queue.push(message);
    },
    onMessage(listener) {
      subscribe((raw) => {
        if (Array.isArray(raw)) for (const message of raw) listener(message);
        else listener(raw);
      });
    },
  };
}
