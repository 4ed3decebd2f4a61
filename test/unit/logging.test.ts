// The log: levels, redaction at the logger (secrets by value and by shape, members' phone numbers), rotation by size,
// a file only this user can read, and refusals of the browser host's socket rate-limited.
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fileLogger, logLevelFrom, sinkLogger } from '../../app/logging/logger.ts';
import { createRedactor } from '../../app/logging/redact.ts';
import { rememberingSecrets } from '../../app/logging/remembered-secrets.ts';
import { refusalLog, REFUSAL_LOG_EVERY_MS } from '../../main/browser-host/refusal-log.ts';
import { KEYS } from '../fixtures/award-rig.ts';
import { MemorySecretStore } from '../fixtures/memory-secret-store.ts';

describe('redaction', () => {
  const redactor = createRedactor();
  redactor.add('s3cret-client-value');
  redactor.add('refresh-token-abcdef-123456');

  it('replaces secrets the process holds, wherever they appear', () => {
    expect(redactor.redact('oauth failed for s3cret-client-value (refresh-token-abcdef-123456)')).toBe('oauth failed for [secret] ([secret])');
  });

  it('replaces secrets by their shape: keys, bearer tokens, named values', () => {
    expect(redactor.redact(`imported ${KEYS.privateKeyPem.trim()} ok`)).toBe('imported [private key] ok');
    expect(redactor.redact('Authorization: Bearer eyJhbGciOi.J9x-y_z')).toBe('Authorization: Bearer [secret]');
    expect(redactor.redact('{"clientSecret":"abc123","refreshToken": "zzz", pin=1234}')).toBe('{"clientSecret":"[secret]","refreshToken": "[secret]", pin=[secret]}');
    expect(redactor.redact('recoveryCode=ABCD-EFGH pepper: c2VjcmV0')).toBe('recoveryCode=[secret] pepper: [secret]');
    expect(redactor.redact('{"pin":"1234","currentPin":"5678"}')).toBe('{"pin":"[secret]","currentPin":"[secret]"}');
  });

  it('masks members\' phone numbers however written, and leaves member IDs, ids and times alone', () => {
    expect(redactor.redact('member +60 17-282 6990 not found')).toBe('member +** **-*** *990 not found');
    expect(redactor.redact('phone 0172826990 and 172826990 and 60116789012')).toBe('phone *******990 and ******990 and ********012');
    const kept = 'award 3aeb870c-48d4-46cd-a353-2c84eab15a62 member 6190354873541245312 at 1796082846143 for 1250 sen';
    expect(redactor.redact(kept)).toBe(kept);
  });

  it('leaves alone a UUID that starts with digits a phone number could start with, and masks a phone number however it ends', () => {
    const kept = '[["18572635-01a1-41fe-a579-5f34e3a98c06",2]] 03789012-3abc-4def-8000-000000000000 60123456-7890-4ABC-8DEF-000000000000';
    expect(redactor.redact(kept)).toBe(kept);
    expect(redactor.redact('call 0172826990-, or 0378901234.')).toBe('call *******990-, or *******234.');
    expect(redactor.redact('"0172826990x" is not a phone number')).toBe('"*******990x" is not a phone number');
    expect(redactor.redact('member +60 17-282 6990_ and +65 9123 4567a')).toBe('member +** **-*** *990_ and +** **** *567a');
  });

  it('masks landlines and foreign numbers too, and a phone number by its field however short', () => {
    expect(redactor.redact('member 0378901234 refused')).toBe('member *******234 refused');
    expect(redactor.redact('phone 60378901234 or 03-7890 1234 or 088-123456')).toBe('phone ********234 or **-**** *234 or ***-***456');
    expect(redactor.redact('member +65 9123 4567 and +6281234567890')).toBe('member +** **** *567 and +**********890');
    expect(redactor.redact('{"countryCode":"65","phoneNumber":"91234567"} phone=5820')).toBe('{"countryCode":"65","phoneNumber":"*****567"} phone=*820');
    const kept = 'export kaunter-training-awards-2026-12-01-03-09-07.csv, award 0d3f0312-4567-4890-8000-000000000000 at 2026-12-01T03:09:07.900Z';
    expect(redactor.redact(kept)).toBe(kept);
  });
});

describe('the file logger', () => {
  it('writes levels at and above its threshold, redacted, to a 0600 file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-log-'));
    const echoed: string[] = [];
    const log = fileLogger({ dir, minLevel: 'info', echo: (line) => void echoed.push(line) });
    log.debug('not this');
    log.info('started');
    log.error('member 0172826990 refused');
    const text = readFileSync(log.path, 'utf8');
    expect(text).not.toContain('not this');
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}started\n.+ ERROR member \*{7}990 refused\n$/);
    expect(echoed).toHaveLength(2);
    expect(statSync(log.path).mode & 0o777).toBe(0o600);
  });

  it('keeps one entry on one line: text from outside cannot forge the next line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-log-'));
    const log = fileLogger({ dir, echo: null });
    log.warn('RM said: fine\n2026-01-01T00:00:00.000Z INFO  manager.unlock: done\u001b[2J');
    const lines = readFileSync(log.path, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('RM said: fine ⏎ 2026-01-01T00:00:00.000Z INFO  manager.unlock: done\uFFFD[2J');
  });

  it('rotates by size, keeping the newest files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaunter-log-'));
    const log = fileLogger({ dir, maxBytes: 200, keep: 2, echo: null });
    for (let i = 0; i < 20; i += 1) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['kaunter.log', 'kaunter.log.1', 'kaunter.log.2']);
    expect(statSync(log.path).size).toBeLessThanOrEqual(200);
    expect(readFileSync(log.path, 'utf8')).toContain('line 19');
    expect(readFileSync(join(dir, 'kaunter.log.2'), 'utf8')).not.toContain('line 0 ');
  });

  it('reads its level from KAUNTER_LOG_LEVEL, info otherwise', () => {
    expect(logLevelFrom({ KAUNTER_LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(logLevelFrom({ KAUNTER_LOG_LEVEL: 'chatty' })).toBe('info');
    expect(logLevelFrom({})).toBe('info');
  });
});

describe('refused sockets in the log', () => {
  it('logs the first at once, then one line per quiet spell with the count', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      let now = 1_000_000;
      const refused = refusalLog(sinkLogger((_level, line) => void lines.push(line)), () => now);
      for (let i = 0; i < 500; i += 1) refused('missing or stale token');
      expect(lines).toEqual(['browser host: refused a socket: missing or stale token']);
      now += REFUSAL_LOG_EVERY_MS;
      vi.advanceTimersByTime(REFUSAL_LOG_EVERY_MS);
      expect(lines[1]).toBe('browser host: refused 499 more sockets in 10 s (last: missing or stale token)');
      refused('origin http://evil.example');
      expect(lines[2]).toBe('browser host: refused a socket: origin http://evil.example');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a keychain whose secrets the log remembers', () => {
  it('remembers every secret it reads or writes, and not the trail mark, which is rewritten at every send', async () => {
    const redactor = createRedactor();
    const store = rememberingSecrets(new MemorySecretStore(), redactor);
    await store.set('clientSecret', 'client-secret-value-1');
    await store.set('trailMark', '{"trail":"trail-value-1","event":7}');
    expect(await store.get('trailMark')).toEqual({ state: 'found', value: '{"trail":"trail-value-1","event":7}' });
    expect(redactor.redact('client-secret-value-1 {"trail":"trail-value-1","event":7}')).toBe('[secret] {"trail":"trail-value-1","event":7}');
  });
});
