// A database the command line cannot write to, made so for real (the file and its folder read-only, and root without
// the capability that writes past modes): the command says what to do at a command line, not the app's "restart
// Kaunter", keeps the file it means, and exits 1.
import { chmodSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../app/messages.ts';
import { runCli, runCliWithoutOverride } from '../fixtures/cli.ts';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaunter-cli-store-words-'));
  db = join(dir, 'awards.db');
  const queued = await runCli(['award', '--db', db, '--amount', '3.00', '--member-id', 'M-0001', '--queue-only']);
  expect(queued.code, queued.stderr).toBe(0);
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o444);
  chmodSync(dir, 0o555);
});

afterAll(() => {
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o600);
});

const CLI_WORDS =
  'kaunter: Kaunter cannot write to its database (the file or its folder is read-only, or on a read-only drive). Check that this user may write to the file and its folder, then run the command again.';

describe('a read-only database on the command line', () => {
  it.each([
    ['award', ['award', '--amount', '3.00', '--member-id', 'M-0001', '--queue-only']],
    ['queue', ['queue']],
  ])('%s: what to do at a command line, with the file, and no "restart Kaunter"', async (_name, args) => {
    const result = await runCliWithoutOverride([...args, '--db', db]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`${CLI_WORDS} File: ${db}\n`);
    expect(result.stderr).not.toMatch(/restart Kaunter/i);
    expect(result.stderr).not.toContain(say('store.read-only'));
  });

  it("the app keeps its own words for the cashier's screen", () => {
    expect(say('store.read-only')).toContain('restart Kaunter');
  });
});
