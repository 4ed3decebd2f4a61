// The `kaunter` command line as support staff use it: real processes against the sandbox on loopback.
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../app/sandbox/index.ts';
import { openDatabase } from '../../app/store/database.ts';
import { BY_ID, MEMBER } from '../fixtures/award-rig.ts';
import { runCli, startCliSandbox } from '../fixtures/cli.ts';

let sandbox: RunningSandbox;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  ({ sandbox, dir, env } = await startCliSandbox('kaunter-cli-'));
});
afterAll(async () => sandbox?.close());

const balance = () => sandbox.member(MEMBER.memberId)?.loyaltyPoint ?? 0;

describe('kaunter CLI', () => {
  it('has --help on every command', async () => {
    for (const command of ['sandbox', 'keys generate', 'sign', 'award', 'queue', 'drain', 'history', 'resolve']) {
      const result = await runCli([...command.split(' '), '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain(`Usage: kaunter ${command}`);
    }
  });

  it('keys generate writes a PKCS#1 private key and prints the public key with its fingerprint', async () => {
    const out = join(dir, 'keys');
    const result = await runCli(['keys', 'generate', '--out', out]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'private_key.pem'), 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(result.stdout).toContain(readFileSync(join(out, 'public_key.pem'), 'utf8').trim());
    expect(result.stdout).toMatch(/SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);

    // --out naming a file is refused in words, and the file is left as it was.
    const file = join(dir, 'not-a-folder.txt');
    writeFileSync(file, 'notes');
    const refused = await runCli(['keys', 'generate', '--out', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`kaunter: --out ${file} is a file, not a folder: give the folder to write private_key.pem and public_key.pem into.`);
    expect(readFileSync(file, 'utf8')).toBe('notes');
    // A folder under it cannot be made either: said in words, not as mkdir's ENOTDIR.
    const under = await runCli(['keys', 'generate', '--out', join(file, 'keys')]);
    expect(under.code).toBe(1);
    expect(under.stderr.trim()).toBe(`kaunter: Cannot write the keys into --out ${join(file, 'keys')}: a part of its path is a file, not a folder.`);
    // Where mkdir answers ENOENT under a folder that exists, Node's recursive mkdir spun for ever at full CPU.
    if (existsSync('/proc/self')) {
      const pseudo = await runCli(['keys', 'generate', '--out', '/proc/kaunter-keys/here']);
      expect(pseudo.code).toBe(1);
      expect(pseudo.stderr.trim()).toBe('kaunter: Cannot write the keys into --out /proc/kaunter-keys/here: nothing new can be made there.');
    } else console.log('skipped the /proc case: this system has no /proc');
  });

  it('keys generate --force replaces an older 0644 key with a 0600 one, and refuses a symbolic link planted for the key', async () => {
    const previousUmask = process.umask(0o022);
    try {
      const out = join(dir, 'keys-force');
      mkdirSync(out);
      writeFileSync(join(out, 'private_key.pem'), 'an older key');
      chmodSync(join(out, 'private_key.pem'), 0o644);
      const replaced = await runCli(['keys', 'generate', '--out', out, '--force']);
      expect(replaced.code, replaced.stderr).toBe(0);
      expect(readFileSync(join(out, 'private_key.pem'), 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
      expect((statSync(join(out, 'private_key.pem')).mode & 0o777).toString(8)).toBe('600');

      const trapped = join(dir, 'keys-trap');
      mkdirSync(trapped);
      const victim = join(dir, 'someone-elses-file.txt');
      writeFileSync(victim, 'not a key');
      symlinkSync(victim, join(trapped, 'private_key.pem'));
      const refused = await runCli(['keys', 'generate', '--out', trapped, '--force']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('symbolic link');
      expect(readFileSync(victim, 'utf8')).toBe('not a key');
      expect(lstatSync(join(trapped, 'private_key.pem')).isSymbolicLink()).toBe(true);
    } finally {
      process.umask(previousUmask);
    }
  });

  it('keys generate refuses a folder where a key goes before writing either key, and --force then keeps the old pair', async () => {
    const out = join(dir, 'keys-folder');
    mkdirSync(join(out, 'public_key.pem'), { recursive: true });
    const fresh = await runCli(['keys', 'generate', '--out', out]);
    expect(fresh.code).toBe(1);
    expect(fresh.stderr.trim()).toBe(`kaunter: ${join(out, 'public_key.pem')} is a folder: move it out of the way, or give --out another folder.`);
    expect(readdirSync(out)).toEqual(['public_key.pem']);

    writeFileSync(join(out, 'private_key.pem'), 'the old private key');
    const forced = await runCli(['keys', 'generate', '--out', out, '--force']);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain('public_key.pem is a folder');
    expect(readFileSync(join(out, 'private_key.pem'), 'utf8')).toBe('the old private key');
    expect(readdirSync(out).sort()).toEqual(['private_key.pem', 'public_key.pem']);

    const piped = join(dir, 'keys-pipe');
    mkdirSync(piped);
    execFileSync('mkfifo', [join(piped, 'public_key.pem')]);
    const pipe = await runCli(['keys', 'generate', '--out', piped]);
    expect(pipe.code).toBe(1);
    expect(pipe.stderr.trim()).toBe(`kaunter: ${join(piped, 'public_key.pem')} is a named pipe (FIFO): move it out of the way, or give --out another folder.`);
    expect(readdirSync(piped)).toEqual(['public_key.pem']);
  });

  it('sign --json reproduces a published vector exactly, and says "null" when there is no body', async () => {
    const vectors = JSON.parse(readFileSync(new URL('../fixtures/rm-signature-vectors.json', import.meta.url), 'utf8')) as {
      testPrivateKeyPem: string;
      vectors: Array<{ name: string; method: string; url: string; nonceStr: string; timestamp: string; body: unknown; expectedPlainText: string; expectedSignature: string | null }>;
    };
    writeFileSync(join(dir, 'vector-key.pem'), vectors.testPrivateKeyPem);
    for (const vector of vectors.vectors.filter((v) => v.expectedSignature)) {
      const args = ['sign', '--key', join(dir, 'vector-key.pem'), '--method', vector.method, '--url', vector.url, '--nonce', vector.nonceStr, '--timestamp', vector.timestamp, '--json'];
      if (vector.body !== null) {
        writeFileSync(join(dir, 'body.json'), JSON.stringify(vector.body));
        args.push('--body', join(dir, 'body.json'));
      }
      const result = await runCli(args);
      const printed = JSON.parse(result.stdout) as { canonicalJson: string | null; plainText: string; signature: string };
      expect(printed.plainText, vector.name).toBe(vector.expectedPlainText);
      expect(printed.signature, vector.name).toBe(vector.expectedSignature);
      if (vector.body === null) expect(printed.canonicalJson).toBeNull();
    }
  });

  it('award by phone, by member ID and by QR; the balance changes; the QR is claimed once in a browser-like POST', async () => {
    const before = balance();
    const phone = await runCli(['award', '--amount', '12.50', '--phone', `0${MEMBER.phoneNumber}`, '--receipt', 'R-100'], env);
    expect(phone.code, phone.stderr).toBe(0);
    expect(phone.stdout).toMatch(/^AWARDED +RM 12\.50 to \+60 1\d-\d{3,4} \d{4} \(12 points\)/);
    // Typed through a Chinese IME in full-width mode, as the counter's field takes it.
    const fullWidth = MEMBER.memberId.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const byId = await runCli(['award', '--amount', '3.00', '--member-id', fullWidth], env);
    expect(byId.code, byId.stderr).toBe(0);
    expect(balance()).toBe(before + 15);

    const qr = await runCli(['award', '--amount', '20', '--qr'], env);
    expect(qr.code).toBe(0);
    const url = /Claim QR: (\S+)/.exec(qr.stdout)?.[1] as string;
    expect(url).toMatch(new RegExp(`^${sandbox.url}/claim/`));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/20\.00/);
    await fetch(url, { method: 'POST', body: new URLSearchParams({ memberId: MEMBER.memberId }), redirect: 'manual' });
    await fetch(url, { method: 'POST', body: new URLSearchParams({ memberId: MEMBER.memberId }), redirect: 'manual' });
    expect(balance()).toBe(before + 35);
  });

  it('refuses bad input with a message and exit 1, writing nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['award', '--amount', '12.505', '--phone', '0172826990'], /not an amount/],
      [['award', '--amount', '-3', '--phone', '0172826990'], /not an amount/],
      [['award', '--amount', '5', '--phone', '0172826990', '--member-id', '1'], /exactly one of/],
      [['award', '--amount', '5', '--phone', '12'], /digits/],
      [['award', '--amount', '5', '--qr', '--queue-only'], /cannot be queued/],
      [['award', '--amount', '5', '--phone', '0172826990', '--award-again'], /give it with --receipt/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { ...env, KAUNTER_DB: join(dir, 'refused.db') });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    expect(existsSync(join(dir, 'refused.db'))).toBe(false);
    const noCredentials = await runCli(['award', '--amount', '5', '--member-id', '1', '--db', join(dir, 'x.db'), '--api-url', sandbox.url, '--oauth-url', sandbox.url]);
    expect(noCredentials.stderr).toMatch(/Missing --client-id/);
  });

  it('a receipt that already earned points today is refused before anything is written, unless --award-again', async () => {
    const db = join(dir, 'receipts.db');
    const award = (...extra: string[]) => runCli(['award', '--amount', '4.00', '--member-id', MEMBER.memberId, '--receipt', 'INV-200', '--queue-only', ...extra], { ...env, KAUNTER_DB: db });
    expect((await award()).code).toBe(0);
    const again = await award();
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Receipt INV-200 already earned points today at \d{2}:\d{2} \(RM 4\.00\)/);
    expect(again.stderr).toContain('add --award-again');
    expect((await runCli(['queue'], { ...env, KAUNTER_DB: db })).stdout).toMatch(/1 queued/);

    const onPurpose = await award('--award-again');
    expect(onPurpose.code, onPurpose.stderr).toBe(0);
    expect((await runCli(['queue'], { ...env, KAUNTER_DB: db })).stdout).toMatch(/2 queued/);
    const store = openDatabase(db);
    try {
      const firstEvents = store.prepare("SELECT reason FROM award_events WHERE from_state IS NULL ORDER BY id").all() as Array<{ reason: string }>;
      expect(firstEvents.map((event) => event.reason)).toEqual(['submitted', expect.stringContaining('had already earned points today') as unknown]);
    } finally {
      store.close();
    }
  });

  it('queue-only, queue, drain, then history as one JSON array with attempts and as CSV', async () => {
    const db = join(dir, 'queued.db');
    const queued = await runCli(['award', '--amount', '9.90', '--member-id', MEMBER.memberId, '--queue-only', '--cashier', 'Ben'], { ...env, KAUNTER_DB: db });
    expect(queued.code).toBe(0);
    const queue = await runCli(['queue'], { ...env, KAUNTER_DB: db });
    expect(queue.stdout).toMatch(/^QUEUED +RM 9\.90/m);
    expect(queue.stdout).toMatch(/1 queued, 0 sending, 0 unknown/);
    const drain = await runCli(['drain'], { ...env, KAUNTER_DB: db });
    expect(drain.stdout).toMatch(/awarded 1; left: 0 queued/);

    const history = await runCli(['history', '--json'], { ...env, KAUNTER_DB: db });
    const awards = JSON.parse(history.stdout) as Array<Record<string, unknown>>;
    expect(awards).toHaveLength(1);
    expect(awards[0]).toMatchObject({ state: 'AWARDED', amountSen: 990, memberType: 'ID', memberId: MEMBER.memberId, cashier: 'Ben' });
    const attempts = awards[0]?.attempts as Array<Record<string, unknown>>;
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ nonce: expect.stringMatching(/^[A-Za-z0-9]{32}$/) as unknown, timestamp: expect.stringMatching(/^\d+$/) as unknown, outcome: 'success' });
    expect(sandbox.ledger().some((entry) => entry.nonce === attempts[0]?.nonce)).toBe(true);

    const csv = await runCli(['history', '--csv', '--state', 'AWARDED'], { ...env, KAUNTER_DB: db });
    expect(csv.stdout.charCodeAt(0)).toBe(0xfeff);
    const rows: string[][] = parse(csv.stdout, { bom: true });
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[5]).toBe('9.90');
    const filtered = await runCli(['history', '--json', '--state', 'UNKNOWN'], { ...env, KAUNTER_DB: db });
    expect(JSON.parse(filtered.stdout)).toEqual([]);
  });

  it('an unknown outcome: drain reports it, resolve shows the evidence, then records the manager\'s decision', async () => {
    const db = join(dir, 'unknown.db');
    const queued = await runCli(['award', '--amount', '1.00', '--member-id', BY_ID.memberId, '--queue-only'], { ...env, KAUNTER_DB: db });
    const id = /([0-9a-f-]{36})/.exec(queued.stdout)?.[1] as string;
    sandbox.setFault({ mode: 'apply-then-drop', path: '/v3/loyalty/spending-reward', count: 1 });
    const drain = await runCli(['drain'], { ...env, KAUNTER_DB: db });
    expect(drain.stdout).toMatch(/left: 0 queued, 1 unknown/);
    const queue = await runCli(['queue'], { ...env, KAUNTER_DB: db });
    expect(queue.stdout).toMatch(new RegExp(`^UNKNOWN .*${id}.*last error: CONNECTION_LOST`, 'm'));
    const evidence = await runCli(['resolve', id], { ...env, KAUNTER_DB: db });
    expect(evidence.stdout).toMatch(/suggestion: credited/);
    // One point, said as one: in the credit's line and in the suggestion's sentence.
    expect(evidence.stdout).toMatch(/credit 1 point at .*<- matches/);
    expect(evidence.stdout).toMatch(/suggestion: credited: Revenue Monster shows 1 credit of 1 point in this window;/);
    // Times as the rest of the command line prints them (shop time), and how far from the attempt in words, not "-1 s".
    expect(evidence.stdout).toMatch(/^Revenue Monster's credits to the member from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d MYT to \d{4}-\d\d-\d\d \d\d:\d\d:\d\d MYT:$/m);
    expect(evidence.stdout).toMatch(/credit 1 point at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d MYT, (the same second as|\d+s (before|after)) the attempt {2}<- matches/);
    const noReason = await runCli(['resolve', id, '--credited'], { ...env, KAUNTER_DB: db });
    expect(noReason.stderr).toMatch(/Give --reason/);
    const decided = await runCli(['resolve', id, '--credited', '--reason', 'history shows +1', '--manager', 'Siti'], { ...env, KAUNTER_DB: db });
    expect(decided.stdout).toMatch(/^AWARDED/);
    // Asked again once settled: said plainly, not as a change it cannot make.
    const again = await runCli(['resolve', id], { ...env, KAUNTER_DB: db });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Award ${id} is AWARDED now: it has been settled, so there is no evidence to weigh.`);
  });

  it('award exits 3 when the outcome is unknown and says how to resolve it', async () => {
    // Every spending-reward path (the points preview too) loses its answer once RM has applied it.
    sandbox.setFault({ mode: 'apply-then-drop', path: '/v3/loyalty/spending-reward*' });
    try {
      const award = await runCli(['award', '--amount', '2.00', '--member-id', BY_ID.memberId], { ...env, KAUNTER_DB: join(dir, 'exit3.db') });
      expect(award.code, award.stdout + award.stderr).toBe(3);
      expect(award.stdout).toMatch(/kaunter resolve [0-9a-f-]{36} --credited\|--resend\|--void/);
    } finally {
      sandbox.setFault(null);
    }
});
});
