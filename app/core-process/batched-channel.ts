// Messages posted in the same turn of the event loop cross the process boundary together, as one array: an award's
// last events and its answer are one write and one wake-up of the other side instead of three. The protocol's
// messages are objects, never arrays, so the receiving end can tell a batch from a message.
import type { FlushableChannelEnd } from './protocol.ts';

/** `send` may return a promise that settles once the batch is written (a Node child's IPC can say so). */
export function batchedChannel(send: (batch: unknown[]) => void | Promise<void>, subscribe: (listener: (raw: unknown) => void) => void): FlushableChannelEnd {
  let queue: unknown[] = [];
  let scheduled = false;
  const flush = async (): Promise<void> => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    await send(batch);
  };
  return {
    post(message) {
      queue.push(message);
      if (scheduled) return;
      scheduled = true;
      setImmediate(() => void flush());
    },
    flush,
    onMessage(listener) {
      subscribe((raw) => {
        if (Array.isArray(raw)) for (const message of raw) listener(message);
        else listener(raw);
      });
    },
  };
}
