// The customer display's pairing code: once, briefly, and not to be guessed.
import { describe, expect, it } from 'vitest';
import { PAIRING_CODE_MS, PairingDoor, WRONG_PER_CODE } from '../../main/browser-host/display-pairing.ts';

function door() {
  const clock = { ms: 0 };
  return { clock, door: new PairingDoor(() => clock.ms) };
}

const wrongFor = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('the pairing door', () => {
  it('a code of 6 digits works once', () => {
    const { door: pairing } = door();
    const { code, expiresInMs } = pairing.issue();
    expect(code).toMatch(/^\d{6}$/);
    expect(expiresInMs).toBe(PAIRING_CODE_MS);
    expect(pairing.attempt(code)).toEqual({ ok: true });
    expect(pairing.attempt(code)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('a code nobody used in time is dead, and a new code ends the one before', () => {
    const { door: pairing, clock } = door();
    const first = pairing.issue().code;
    const second = pairing.issue().code;
    if (first !== second) expect(pairing.attempt(first)).toEqual({ ok: false, reason: 'wrong' });
    clock.ms = PAIRING_CODE_MS;
    expect(pairing.attempt(second)).toEqual({ ok: false, reason: 'wrong' });
  });

  it(`${WRONG_PER_CODE} wrong tries end the code; past 10 wrong in a minute every try is refused unchecked`, () => {
    const { door: pairing, clock } = door();
    const { code } = pairing.issue();
    for (let i = 0; i < WRONG_PER_CODE; i += 1) expect(pairing.attempt(wrongFor(code)).ok).toBe(false);
    expect(pairing.attempt(code)).toEqual({ ok: false, reason: 'wrong' });
    const next = pairing.issue().code;
    for (let i = 0; i < 3; i += 1) pairing.attempt(wrongFor(next));
    expect(pairing.attempt(wrongFor(next))).toEqual({ ok: false, reason: 'limited' });
    expect(pairing.attempt(next)).toEqual({ ok: false, reason: 'limited' });
    clock.ms += 60_000;
    const fresh = pairing.issue().code;
    expect(pairing.attempt(fresh)).toEqual({ ok: true });
  });
});
