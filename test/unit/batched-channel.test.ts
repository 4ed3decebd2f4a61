// Messages of one turn of the event loop cross the core's process boundary as one array, in order, and each end
// unpacks arrays while single messages still pass; a message someone waits on goes at once, after those posted before it.
import { describe, expect, it } from 'vitest';
import { batchedChannel } from '../../app/core-process/batched-channel.ts';

describe('the batched channel', () => {
  it('sends what was posted in one turn as one batch, in order, and the next turn as another', async () => {
    const sent: unknown[][] = [];
    const channel = batchedChannel((batch) => void sent.push(batch), () => undefined);
    channel.post({ kind: 'event', n: 1 });
    channel.post({ kind: 'log', n: 2 });
    expect(sent).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([[{ kind: 'event', n: 1 }, { kind: 'log', n: 2 }]]);
    channel.post({ kind: 'event', n: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toHaveLength(2);
  });

  it('sends a call, a result, a request or an answer at once, after what was posted before it in the turn', async () => {
    const sent: unknown[][] = [];
    const channel = batchedChannel((batch) => void sent.push(batch), () => undefined);
    channel.post({ kind: 'event', n: 1 });
    channel.post({ kind: 'result', id: 1 });
    expect(sent).toEqual([[{ kind: 'event', n: 1 }, { kind: 'result', id: 1 }]]);
    for (const kind of ['call', 'request', 'answer']) channel.post({ kind, id: 2 });
    expect(sent).toHaveLength(4);
    channel.post({ kind: 'event', n: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent.at(-1)).toEqual([{ kind: 'event', n: 2 }]);
    expect(sent).toHaveLength(5);
  });

  it('hands the listener each message of a batch, and a lone message as it is', () => {
    let deliver: (raw: unknown) => void = () => undefined;
    const channel = batchedChannel(() => undefined, (listener) => (deliver = listener));
    const received: unknown[] = [];
    channel.onMessage((message) => received.push(message));
    deliver([{ kind: 'a' }, { kind: 'b' }]);
    deliver({ kind: 'c' });
    expect(received).toEqual([{ kind: 'a' }, { kind: 'b' }, { kind: 'c' }]);
  });
});
