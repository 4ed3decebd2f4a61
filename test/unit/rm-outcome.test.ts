import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeCode, knownRmCodes, normaliseCode, rmError } from '../../app/rm/errors.ts';
import { interpretOutcome } from '../../app/rm/outcome.ts';

const ok = z.object({ code: z.literal('SUCCESS'), item: z.object({ point: z.number() }).optional() });
const response = (status: number, body: unknown) => ({ kind: 'response' as const, status, body: typeof body === 'string' ? body : JSON.stringify(body) });
const envelope = (code: string) => ({ error: { code, message: `${code} from RM` } });

// Every code docs/revenue-monster.md names (Answers and errors), with what it must mean for an award.
const REFERENCE_CODES: Record<string, 'notApplied' | 'maybeApplied' | 'rejected'> = {
  INVALID_REQUEST_SIGNATURE: 'notApplied',
  INVALID_TIMESTAMP: 'notApplied',
  TOKEN_EXPIRED: 'notApplied',
  TOKEN_INVALID: 'notApplied',
  CLIENT_NOT_SET_PUBLIC_KEY: 'notApplied',
  VALIDATION_ERROR: 'rejected',
  MEMBER_NOT_FOUND: 'rejected',
  LOYALTY_NOT_SUBSCRIBED: 'notApplied',
  SPENDING_NOT_FOUND: 'notApplied',
  LOYALTY_SPENDING_NOT_ALLOWED: 'rejected',
  TOO_MANY_REQUEST_PER_SECOND: 'notApplied',
  EXCEEDED_LIMIT: 'notApplied',
  SYSTEM_ERROR: 'maybeApplied',
  INTERNAL_ERROR: 'maybeApplied',
};

describe('RM error codes', () => {
  it('knows every code in the reference, with the retry meaning the award needs', () => {
    for (const [code, kind] of Object.entries(REFERENCE_CODES)) {
      expect(knownRmCodes()).toContain(code);
      expect(describeCode(code).kind, code).toBe(kind);
      expect(describeCode(code).message.length, code).toBeGreaterThan(20);
    }
  });

  it('tells the cashier to fix the clock on INVALID_TIMESTAMP, and marks setup problems', () => {
    expect(describeCode('INVALID_TIMESTAMP').message).toMatch(/clock/);
    expect(describeCode('INVALID_TIMESTAMP').setupProblem).toBe(true);
    expect(describeCode('MEMBER_NOT_FOUND').setupProblem).toBe(false);
  });

  it('accepts OAuth codes in CamelCase and UPPER_SNAKE', () => {
    expect(normaliseCode('InvalidClient')).toBe('INVALID_CLIENT');
    expect(normaliseCode('INVALID_CLIENT')).toBe('INVALID_CLIENT');
    expect(rmError('InvalidGrant', 'x').code).toBe('INVALID_GRANT');
  });

  it('treats a code it has never seen as "maybe applied": no proof nothing happened', () => {
    expect(describeCode('SOMETHING_NEW').kind).toBe('maybeApplied');
  });
});

describe('reading an answer', () => {
  it('SUCCESS with the expected shape is success', () => {
    expect(interpretOutcome(response(200, { code: 'SUCCESS', item: { point: 3 } }), ok)).toEqual({ kind: 'success', value: { code: 'SUCCESS', item: { point: 3 } } });
  });

  it('the code in the envelope decides, whatever the status', () => {
    expect(interpretOutcome(response(400, envelope('MEMBER_NOT_FOUND')), ok).kind).toBe('rejected');
    expect(interpretOutcome(response(200, envelope('MEMBER_NOT_FOUND')), ok).kind).toBe('rejected');
    expect(interpretOutcome(response(500, envelope('SYSTEM_ERROR')), ok).kind).toBe('maybeApplied');
    expect(interpretOutcome(response(401, envelope('TOKEN_EXPIRED')), ok).kind).toBe('notApplied');
  });

  it('a 401 with a code it has never seen is a refused sign-in, not "maybe applied"; the code is kept', () => {
    expect(interpretOutcome(response(401, envelope('ACCESS_DENIED_NEW')), ok)).toMatchObject({
      kind: 'notApplied',
      error: { code: 'ACCESS_DENIED_NEW', httpStatus: 401, setupProblem: true, message: describeCode('TOKEN_INVALID').message },
    });
    expect(interpretOutcome(response(400, envelope('ACCESS_DENIED_NEW')), ok).kind).toBe('maybeApplied');
    expect(interpretOutcome(response(401, envelope('MEMBER_NOT_FOUND')), ok).kind).toBe('rejected');
  });

  it('keeps the sandbox debug block for diagnostics', () => {
    const out = interpretOutcome(response(400, { error: { code: 'INVALID_REQUEST_SIGNATURE', message: 'x', debug: { plainText: 'p' } } }), ok);
    expect(out.kind !== 'success' && out.error.debug).toEqual({ plainText: 'p' });
  });

  it('without an envelope: 5xx maybe applied, 429 retry later, 401 token, 2xx garbage maybe applied', () => {
    expect(interpretOutcome(response(502, '<html>bad gateway</html>'), ok)).toMatchObject({ kind: 'maybeApplied', error: { code: 'SERVER_ERROR', httpStatus: 502 } });
    expect(interpretOutcome(response(429, ''), ok)).toMatchObject({ kind: 'notApplied', error: { code: 'TOO_MANY_REQUEST_PER_SECOND' } });
    expect(interpretOutcome(response(401, ''), ok)).toMatchObject({ kind: 'notApplied', error: { code: 'TOKEN_INVALID' } });
    expect(interpretOutcome(response(200, '<html>captive portal</html>'), ok)).toMatchObject({ kind: 'maybeApplied', error: { code: 'BAD_RESPONSE' } });
    expect(interpretOutcome(response(200, { code: 'SUCCESS', item: { point: 'three' } }), ok)).toMatchObject({ kind: 'maybeApplied' });
  });

  it('transport failures keep their meaning', () => {
    expect(interpretOutcome({ kind: 'notSent', code: 'NETWORK_UNREACHABLE', detail: 'ECONNREFUSED' }, ok).kind).toBe('notApplied');
    expect(interpretOutcome({ kind: 'lost', code: 'RESPONSE_TIMEOUT', detail: 'x' }, ok).kind).toBe('maybeApplied');
  });
});
