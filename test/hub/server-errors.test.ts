// A running hub whose server reports an error (an accept the system refused) logs it and goes on serving: the error is
// neither thrown out of the process, which would stop every counter's sync, nor swallowed. Node's libuv absorbs running
// out of file handles itself (checked by hand with prlimit: nothing is reported), so no real error of this kind can be
// provoked from outside; the test emits one on the real server, as Node's net module does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const logged: string[] = [];
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig((line) => logged.push(line));
}, 60_000);
afterAll(async () => rig?.close());

describe('a listening hub', () => {
  it('logs an error its server reports, and serves the next request', async () => {
    const refused = Object.assign(new Error('accept ENFILE'), { code: 'ENFILE', syscall: 'accept' });
    expect(() => rig.hub.server.emit('error', refused)).not.toThrow();
    expect(logged).toContain('hub: the server reported an error, and goes on serving: accept ENFILE');
    expect((await fetch(`${rig.hub.url}/healthz`)).status).toBe(200);
  });
});
