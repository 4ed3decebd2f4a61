// Messages of one turn of the event loop cross the core's process boundary as one array, in order, and each end
// unpacks arrays while single messages still pass.
import { describe, expect, it } from 'vitest';
import { batchedChannel } from '../../app/core-process/batched-channel.ts';

describe('the batched channel', () => {
  it('sends what was posted in one turn as one batch, in order, and the next turn as another', async () => {
    const sent: unknown[][] = [];
    const channel = batchedChannel((batch) => void sent.push(batch), () => undefined);
    channel.post({ kind: 'event', n: 1 });
    channel.post({ kind: 'event', n: 2 });
    channel.post({ kind: 'result', n: 3 });
    expect(sent).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([[{ kind: 'event', n: 1 }, { kind: 'event', n: 2 }, { kind: 'result', n: 3 }]]);
    channel.post({ kind: 'event', n: 4 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toHaveLength(2);
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
