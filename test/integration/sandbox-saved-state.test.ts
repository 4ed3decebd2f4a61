// Training's sandbox outlives a restart of Kaunter: members' balances and histories, the ledger, claim QRs and the port
// are saved (a snapshot at start, a journal line per change) and read back at start. An unreadable file is kept aside,
// never deleted; a port taken meanwhile means another port, said in the log.
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../app/sandbox/index.ts';
import { resolveOptions } from '../../app/sandbox/options.ts';
import { journalPathOf } from '../../app/sandbox/saved-journal.ts';
import { savedStateOf } from '../../app/sandbox/saved-state.ts';
import { createState } from '../../app/sandbox/state.ts';
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

  it('writes each change to the journal, not the whole state: the snapshot stays as it was at start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kaunter-saved-')), 'training-sandbox.json');
    const sandbox = await start(file);
    const snapshot = readFileSync(file, 'utf8');
    await award(sandbox, { amount: 1250, type: 'ID', memberId: TAN });
    await award(sandbox, { amount: 3000, type: 'QRCODE' });
    await sandbox.close();
    running.splice(0);
    expect(readFileSync(file, 'utf8')).toBe(snapshot);
    const lines = readFileSync(journalPathOf(file), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ ledger: [{ memberId: TAN, amount: 1250 }], members: [{ memberId: TAN }] });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ ledger: [], claims: [{ amount: 3000, state: 'open' }] });
    expect(statSync(journalPathOf(file)).mode & 0o777).toBe(0o600);
  });

  it('a journal replayed over a snapshot that already holds its changes adds nothing twice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kaunter-saved-')), 'training-sandbox.json');
    const first = await start(file);
    const before = first.member(TAN)?.loyaltyPoint ?? 0;
    await award(first, { amount: 1250, type: 'ID', memberId: TAN });
    await award(first, { amount: 2000, type: 'ID', memberId: TAN });
    await first.close();
    running.splice(0);
    const journal = `${file}.journal-copy`;
    copyFileSync(journalPathOf(file), journal);
    await (await start(file)).close();
    running.splice(0);
    // As if Kaunter died after writing the new snapshot and before emptying the journal.
    copyFileSync(journal, journalPathOf(file));
    const third = await start(file);
    expect(third.member(TAN)?.loyaltyPoint).toBe(before + 32);
    expect(third.ledger()).toHaveLength(2);
    expect(third.member(TAN)?.history.filter((entry) => entry.point === 20)).toHaveLength(1);
  });

  it('skips a journal line cut short by a crash, keeps the lines before it, and says so', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kaunter-saved-')), 'training-sandbox.json');
    const first = await start(file);
    const before = first.member(TAN)?.loyaltyPoint ?? 0;
    await award(first, { amount: 1250, type: 'ID', memberId: TAN });
    await first.close();
    running.splice(0);
    appendFileSync(journalPathOf(file), '{"ledger":[{"id":"cut');
    const log: string[] = [];
    const second = await start(file, log);
    expect(second.member(TAN)?.loyaltyPoint).toBe(before + 12);
    expect(log.some((line) => line.includes('1 line(s) of the training journal could not be read'))).toBe(true);
  });

  it('keeps every balance and open claim but only the recent past, so the snapshot costs the same after a year', () => {
    const state = createState(resolveOptions({}), () => 'http://127.0.0.1:1', () => undefined);
    const member = state.loyalty.members.list()[0]?.memberId ?? '';
    for (let i = 0; i < 1500; i += 1) {
      const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
      state.loyalty.ledger.append({ id: `sr-${i}`, kind: 'spending-reward', memberId: member, points: 1, amount: 100, nonce: `n-${i}`, createdAt, type: 'ID' });
      state.loyalty.members.credit(member, { key: `sr-${i}`, type: 'SPENDING_REWARD', description: 'Spending reward', point: 1, createdAt });
      const qr = state.loyalty.claims.create({ kind: 'spending-reward', amount: 100, points: 1, nonce: `q-${i}`, createdAt });
      if (i % 2 === 1) state.loyalty.claims.cancel(qr.id);
    }
    const saved = savedStateOf(state, 1);
    expect(saved.ledger).toHaveLength(1000);
    expect(saved.ledger.at(-1)?.id).toBe('sr-1499');
    const kept = saved.members.find((record) => record.seed.memberId === member);
    expect(kept?.history).toHaveLength(200);
    expect(kept?.loyaltyPoint).toBe(state.loyalty.members.byId(member)?.loyaltyPoint);
    expect(saved.claims.filter((qr) => qr.state === 'open')).toHaveLength(750);
    expect(saved.claims.filter((qr) => qr.state === 'cancelled')).toHaveLength(200);
  });
});
