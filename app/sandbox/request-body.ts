// Reading a request body without trusting its size. A body is read to the end before it is answered, so a client
// still writing never meets a closed socket; past a hard cap the rest is not worth draining and the connection is
// answered and closed instead.
import type { IncomingMessage } from 'node:http';

export const BODY_LIMIT_BYTES = 64 * 1024;
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

export type BodyResult =
  | { kind: 'ok'; bytes: Buffer }
  /** `drained` false: the client is still sending, so answer with `Connection: close`. */
  | { kind: 'too-large'; drained: boolean }
  /** The client went away before the body ended: nobody is left to answer. */
  | { kind: 'abandoned' };

export function readBody(request: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received <= BODY_LIMIT_BYTES) chunks.push(chunk);
      if (received > DRAIN_LIMIT_BYTES) {
        request.off('data', onData);
        request.pause();
        resolve({ kind: 'too-large', drained: false });
      }
    };
    request.on('data', onData);
    request.on('end', () => {
      if (received > BODY_LIMIT_BYTES) resolve({ kind: 'too-large', drained: true });
      else resolve({ kind: 'ok', bytes: Buffer.concat(chunks) });
    });
    // After 'end' this settles nothing (the promise is already resolved); before it, the client hung up mid-body.
    request.on('close', () => resolve({ kind: 'abandoned' }));
  });
}
