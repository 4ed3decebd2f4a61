// Stopping the hub (systemd's stop, a restart): requests under way are answered first, for a while, and a request that
// never ends does not keep the hub from stopping.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHub } from '../../hub/server/server.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
}, 60_000);
afterAll(async () => rig?.close());

const BODY = JSON.stringify({ name: 'Nobody', password: 'not a password anyone has' });

/** A sign-in whose body is only half sent: the hub is reading it until `finish` is called. */
function halfSentSignIn(url: string): { finish(): void; answer: Promise<IncomingMessage | Error> } {
  const request: ClientRequest = httpRequest(`${url}/api/hub/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(BODY)) },
  });
  const answer = new Promise<IncomingMessage | Error>((resolve) => {
    request.on('response', (response) => {
      response.resume();
      resolve(response);
    });
    request.on('error', resolve);
  });
  request.write(BODY.slice(0, 10));
  request.flushHeaders();
  return { finish: () => request.end(BODY.slice(10)), answer };
}

async function inHandler(): Promise<void> {
  // The request has reached the hub once its first bytes are read; a loopback write takes far less than this.
  await new Promise((resolve) => setTimeout(resolve, 200));
}

describe('stopping the hub', () => {
  it('answers a request under way before it stops, and takes no new connection meanwhile', async () => {
    const hub = await serveHub({ pool: rig.pool, host: '127.0.0.1', port: 0, log: () => {} });
    // A kept-alive connection that is idle must not hold the stop open either.
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    const signIn = halfSentSignIn(hub.url);
    await inHandler();
    const started = Date.now();
    const closed = hub.close(20_000);
    await expect(fetch(`${hub.url}/healthz`)).rejects.toThrow();
    signIn.finish();
    const answer = await signIn.answer;
    expect(answer).not.toBeInstanceOf(Error);
    expect((answer as IncomingMessage).statusCode).toBe(401);
    await closed;
    // Stopped once it was answered: not at the grace's end, nor at a kept-alive connection's timeout (5 s).
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('cuts a request that is still under way when the grace is up', async () => {
    const hub = await serveHub({ pool: rig.pool, host: '127.0.0.1', port: 0, log: () => {} });
    const stuck = halfSentSignIn(hub.url);
    await inHandler();
    const started = Date.now();
    await hub.close(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(await stuck.answer).toBeInstanceOf(Error);
  });
});
