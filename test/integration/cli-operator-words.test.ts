// The command line speaks to support staff and scripts, not to the cashier: every outcome says what happened (with its
// code) and which command to run next, in the words of the command line (--key, `kaunter drain`), never the screens'
// ("a manager will check", "in Settings", "sent automatically"), and the exit code tells a script the same.
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../app/rm/keys.ts';
import { describeCode } from '../../app/rm/errors.ts';
import { formatShopTime } from '../../app/common/shop-time.ts';
import type { RunningSandbox } from '../../app/sandbox/index.ts';
import { BY_ID, MEMBER } from '../fixtures/award-rig.ts';
import { runCli, startCliSandbox, type CliResult } from '../fixtures/cli.ts';

let sandbox: RunningSandbox;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  ({ sandbox, dir, env } = await startCliSandbox('kaunter-cli-words-'));
});
afterAll(async () => sandbox?.close());

const UNREACHABLE = { KAUNTER_API_URL: 'http://127.0.0.1:9', KAUNTER_OAUTH_URL: 'http://127.0.0.1:9' };
const CASHIER_WORDS = /a manager (will|must) check|in Settings|sent automatically|Use the phone number or member ID instead|Check it with the customer/;

/** What the command printed holds `code` and none of the cashier's words for it. */
function saysForOperator(result: CliResult, code: string): void {
  expect(result.stdout).toContain(`(${code})`);
  expect(result.stdout).not.toContain(describeCode(code).message);
  expect(result.stdout).not.toMatch(CASHIER_WORDS);
}

const dbNamed = (name: string) => ({ KAUNTER_DB: join(dir, name) });

/** When the one queued award in the database at `path` is next due to be sent. */
function nextTryAt(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT next_attempt_at AS at FROM awards WHERE state = 'QUEUED'").get() as { at: number }).at;
  } finally {
    db.close();
  }
}

function setNextTryAt(path: string, at: number): void {
  const db = new Database(path);
  try {
    expect(db.prepare("UPDATE awards SET next_attempt_at = ? WHERE state = 'QUEUED'").run(at).changes).toBe(1);
  } finally {
    db.close();
  }
}

async function waitUntil(at: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now()) + 50));
}

describe('the command line tells its operator what happened and what to run next', () => {
  it('an unknown outcome: exit 3, the code, and the two resolve commands; no "a manager will check"', async () => {
    sandbox.setFault({ mode: 'apply-then-drop', path: '/v3/loyalty/spending-reward' });
    try {
      const award = await runCli(['award', '--amount', '2.00', '--member-id', BY_ID.memberId], { ...env, ...dbNamed('unknown.db') });
      expect(award.code, award.stdout + award.stderr).toBe(3);
      saysForOperator(award, 'CONNECTION_LOST');
      const id = /([0-9a-f-]{36})/.exec(award.stdout)?.[1] as string;
      expect(award.stdout).toContain(`Next: \`kaunter resolve ${id}\` shows RM's evidence; then kaunter resolve ${id} --credited|--resend|--void`);
    } finally {
      sandbox.setFault(null);
    }
    const queue = await runCli(['queue'], { ...env, ...dbNamed('unknown.db') });
    expect(queue.stdout).toMatch(/0 queued, 0 sending, 1 unknown/);
    expect(queue.stdout).toContain('`kaunter resolve ID` shows the evidence');

    // The manager runs resolve to weigh RM's evidence, and RM fails to give it: said as what happened and what to do.
    const id = /([0-9a-f-]{36})/.exec(queue.stdout)?.[1] as string;
    sandbox.setFault({ mode: 'http-5xx', status: 500, path: `/v3/loyalty/member/${MEMBER.memberId}/history` });
    try {
      const evidence = await runCli(['resolve', id], { ...env, ...dbNamed('unknown.db') });
      expect(evidence.code, evidence.stderr).toBe(0);
      expect(evidence.stdout).toContain('RM could not be asked: RM had an internal error (INTERNAL_ERROR). Run this again to ask once more.');
      saysForOperator(evidence, 'INTERNAL_ERROR');
    } finally {
      sandbox.setFault(null);
    }
  });

  it('RM unreachable: exit 2, and `kaunter drain` is what sends it, not "automatically"', async () => {
    const award = await runCli(['award', '--amount', '3.00', '--member-id', MEMBER.memberId, '--wait', '5'], { ...env, ...UNREACHABLE, ...dbNamed('offline.db') });
    expect(award.code, award.stdout + award.stderr).toBe(2);
    expect(award.stdout).toMatch(/^Not sent yet: RM could not be reached( \(NETWORK_UNREACHABLE\))?\. It stays in the outbox\.$/m);
    expect(award.stdout).toMatch(/^Next: run `kaunter drain` to send it/m);
    expect(award.stdout).not.toMatch(CASHIER_WORDS);
    const queue = await runCli(['queue'], { ...env, ...dbNamed('offline.db') });
    expect(queue.stdout).toContain('`kaunter drain` sends the queued ones now');

    // RM's sign-in answers but its API host cannot be reached: the try never got to RM, and drain says so.
    const drain = await runCli(['drain'], { ...env, KAUNTER_API_URL: UNREACHABLE.KAUNTER_API_URL, ...dbNamed('offline.db') });
    expect(drain.code, drain.stdout + drain.stderr).toBe(2);
    expect(drain.stdout).toMatch(
      /^awarded 0, 1 try did not reach RM; left: 1 queued, 0 unknown \(need a manager\)\. Revenue Monster could not be reached: drain again when the network is back, or use --until-empty$/m,
    );
  });

  it('a member RM does not know: exit 4, MEMBER_NOT_FOUND, and the options to check or --qr', async () => {
    const award = await runCli(['award', '--amount', '3.00', '--member-id', 'NOBODY-12345'], { ...env, ...dbNamed('refused.db') });
    expect(award.code, award.stdout + award.stderr).toBe(4);
    saysForOperator(award, 'MEMBER_NOT_FOUND');
    expect(award.stdout).toContain('Next: check --phone or --member-id with the customer, or give the customer a claim QR with --qr, then award again.');
  });

  it('a claim QR RM could not make: exit 5 (nothing awarded, nothing queued), and to try again or use --phone / --member-id', async () => {
    const award = await runCli(['award', '--amount', '20', '--qr', '--wait', '5'], { ...env, ...UNREACHABLE, ...dbNamed('qr.db') });
    expect(award.code, award.stdout + award.stderr).toBe(5);
    expect(award.stdout).toMatch(/^VOIDED/);
    expect(award.stdout).toMatch(/^No claim QR was made: .* \([A-Z_]+\), so nobody can claim it and nothing was awarded\.$/m);
    expect(award.stdout).toContain('Next: run the same command again, or award to the member with --phone or --member-id.');
    expect(award.stdout).not.toMatch(CASHIER_WORDS);
    const queue = await runCli(['queue'], { ...env, ...dbNamed('qr.db') });
    expect(queue.stdout).toMatch(/0 queued, 0 sending, 0 unknown/);
  });

  it("a key RM does not know: award and drain name --key, not the Settings screen", async () => {
    const otherKey = join(dir, 'other-key.pem');
    writeFileSync(otherKey, (await generateKeyPair()).privateKeyPem);
    const wrongKey = { ...env, KAUNTER_KEY: otherKey, ...dbNamed('wrong-key.db') };
    const award = await runCli(['award', '--amount', '3.00', '--member-id', MEMBER.memberId, '--wait', '5'], wrongKey);
    expect(award.code, award.stdout + award.stderr).toBe(2);
    saysForOperator(award, 'INVALID_REQUEST_SIGNATURE');
    expect(award.stdout).toMatch(/^Next: give --key \(KAUNTER_KEY\) the private key whose public key is uploaded .*; then run `kaunter drain`/m);

    // Once its next try is due, drain sends it: RM answers, turning the signature away again, and sending pauses.
    await waitUntil(nextTryAt(wrongKey.KAUNTER_DB));
    const sent = await runCli(['drain'], wrongKey);
    expect(sent.code).toBe(2);
    saysForOperator(sent, 'INVALID_REQUEST_SIGNATURE');
    expect(sent.stdout).toMatch(
      /^awarded 0, 1 try turned away by RM for now; left: 1 queued, 0 unknown \(need a manager\)\. Sending is paused: RM did not accept the request's signature \(INVALID_REQUEST_SIGNATURE\)\. To send them, give --key \(KAUNTER_KEY\) .*, then drain again$/m,
    );

    // Not yet due (a minute away, the longest wait between tries), drain leaves it to its next try and says when and why.
    const nextTry = Date.now() + 60_000;
    setNextTryAt(wrongKey.KAUNTER_DB, nextTry);
    const waiting = await runCli(['drain'], wrongKey);
    expect(waiting.code).toBe(2);
    saysForOperator(waiting, 'INVALID_REQUEST_SIGNATURE');
    expect(waiting.stdout).toContain(
      `awarded 0; left: 1 queued, 0 unknown (need a manager). The next try is due at ${formatShopTime(nextTry)} (the last try: RM did not accept the request's signature (INVALID_REQUEST_SIGNATURE)). To send them, give --key (KAUNTER_KEY) `,
    );
  });

  it('a key file that cannot sign is said as a file: not a key, the public half, a folder', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a key');
    const publicHalf = join(dir, 'public_key.pem');
    writeFileSync(publicHalf, (await generateKeyPair()).publicKeyPem);
    const locked = join(dir, 'locked_key.pem');
    writeFileSync(locked, '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n');
    const cases = [
      [notes, `The key file ${notes} cannot sign: it is not a private key in PEM. Give the private_key.pem that \`kaunter keys generate\` wrote`],
      [locked, `The key file ${locked} cannot sign. This private key is protected by a passphrase. Export it without a passphrase and try again.`],
      [publicHalf, `The key file ${publicHalf} cannot sign: it is not a private key in PEM.`],
      [dir, `Cannot read the key file ${dir}: it is a folder, not a file.`],
    ] as const;
    for (const [key, said] of cases) {
      const drain = await runCli(['drain'], { ...env, KAUNTER_KEY: key, ...dbNamed('bad-key-file.db') });
      expect(drain.code, key).toBe(1);
      expect(drain.stderr, key).toContain(`kaunter: ${said}`);
      expect(drain.stderr, key).not.toContain('Paste');
    }
  });

  it('a client secret RM does not know: drain names --client-secret and its variable', async () => {
    const db = dbNamed('wrong-secret.db');
    expect((await runCli(['award', '--amount', '3.00', '--member-id', MEMBER.memberId, '--queue-only'], { ...env, ...db })).code).toBe(0);
    const drain = await runCli(['drain'], { ...env, ...db, KAUNTER_CLIENT_SECRET: 'not-the-secret' });
    expect(drain.code).toBe(2);
    saysForOperator(drain, 'INVALID_CLIENT');
    expect(drain.stdout).toContain('To send them, check --client-id and --client-secret (KAUNTER_CLIENT_ID, KAUNTER_CLIENT_SECRET), then drain again');
    expect(drain.stdout + drain.stderr).not.toContain('not-the-secret');
  });

  it('--help lists exit 5 beside the others', async () => {
    const help = await runCli(['award', '--help']);
    expect(help.stdout).toContain('5 no claim QR could be made (nothing awarded: try again)');
  });
});
