// Messages posted in the same turn of the event loop cross the process boundary together, as one array: a drain's
// events and log lines are one write and one wake-up of the other side instead of one each. A message the other side
// is waiting on (a call, its result, a port request, its answer) goes out at once, with whatever was posted before it:
// waiting for the end of the turn would add the rest of that turn's work (the relay's next step, a points check) to
// an award's latency at the counter. The protocol's messages are objects, never arrays, so the receiving end can tell
// a batch from a message.
import type { FlushableChannelEnd } from './protocol.ts';

const AWAITED_KINDS: ReadonlySet<unknown> = new Set(['call', 'result', 'request', 'answer']);

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
      if (AWAITED_KINDS.has((message as { kind?: unknown } | null)?.kind)) {
        void flush();
        return;
      }
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
