// Training's sandbox outlives a restart of Kaunter: members' balances and histories, the ledger, claim QRs and the port
// are saved after every change and read back at start. An unreadable file is kept aside, never deleted; a port taken
// meanwhile means another port, said in the log.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { TEST_APP, call, fetchToken, httpRequest, json } from '../fixtures/sandbox-client.ts';

const TAN = '6190354873541245329';
const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

async function start(stateFile: string, log: string[] = []): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ apps: [TEST_APP], stateFile, log: (line) => void log.push(line) });
  running.push(sandbox);
  return sandbox;
}

async function award(sandbox: RunningSandbox, body: object): Promise<{ id: string; qrCodeUrl?: string }> {
  const { accessToken } = await fetchToken(sandbox.url);
  const response = await call(sandbox.url, { method: 'POST', path: '/v3/loyalty/spending-reward', body: { currencyType: 'MYR', ...body }, accessToken });
  expect(response.status).toBe(200);
  return json<{ item: { id: string; qrCodeUrl?: string } }>(response).item;
}

describe('a sandbox with a state file', () => {
  it('comes back after a restart on the same port, with the balances, the ledger and a claim QR still open', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kaunter-saved-')), 'training-sandbox.json');
    const first = await start(file);
    const before = first.member(TAN)?.loyaltyPoint ?? 0;
    await award(first, { amount: 1250, type: 'ID', memberId: TAN });
    const qr = await award(first, { amount: 3000, type: 'QRCODE' });
    const port = first.port;
    await first.close();
    running.splice(0);

    const second = await start(file);
    expect(second.port).toBe(port);
    expect(second.member(TAN)?.loyaltyPoint).toBe(before + 12);
    expect(second.member(TAN)?.history[0]).toMatchObject({ point: 12 });
    expect(second.ledger()).toHaveLength(1);
    const claimed = await httpRequest({ method: 'POST', url: qr.qrCodeUrl ?? '', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `memberId=${TAN}` });
    expect(claimed.status).toBe(200);
    expect(second.member(TAN)?.loyaltyPoint).toBe(before + 42);
    expect(second.ledger()).toHaveLength(2);
  });

  it('keeps an unreadable file aside and starts afresh, saying so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-saved-'));
    const file = join(dir, 'training-sandbox.json');
    writeFileSync(file, '{"version": 1, "port": "not a port"');
    const log: string[] = [];
    const sandbox = await start(file, log);
    expect(sandbox.ledger()).toEqual([]);
    expect(log.some((line) => line.includes('could not be read') && line.includes('unreadable-'))).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('training-sandbox.json.unreadable-'))).toHaveLength(1);
  });

  it('listens on another port when the saved one is taken, and says what that means', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kaunter-saved-')), 'training-sandbox.json');
    const first = await start(file);
    const port = first.port;
    await first.close();
    running.splice(0);
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const log: string[] = [];
      const second = await start(file, log);
      expect(second.port).not.toBe(port);
      expect(log.some((line) => line.includes(`port ${port} is taken`))).toBe(true);
    } finally {
      squatter.close();
    }
  });
});
