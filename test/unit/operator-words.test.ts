// The command line's words come from the one catalogue of codes (app/rm/errors.ts): every code the core can record on
// an award, or give as the reason sending paused, has words of its own there, so none prints as "an error Kaunter does
// not know". A store error is said with what to do at a command line, not the app's "restart Kaunter".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QR_ALREADY_CANCELLED_CODE, QR_CLAIMED_CODE } from '../../app/awards/reconcile.ts';
import { PUT_BACK_CODE, RESTORED_CODE } from '../../app/awards/rm-evidence.ts';
import { QR_NOT_MADE_CODE } from '../../app/awards/settlement.ts';
import { restoreCutShort } from '../../app/commands/hub.ts';
import { commandErrorText, operatorProblem } from '../../app/commands/operator-words.ts';
import { MESSAGES, say } from '../../app/messages.ts';
import { describeCode, KAUNTER_CODES, knownRmCodes, operatorWords, TRANSPORT_CODES, UNKNOWN_RM_CODE } from '../../app/rm/errors.ts';
import { storeError, type StoreProblem } from '../../app/store/errors.ts';

const AWARDS = fileURLToPath(new URL('../../app/awards/', import.meta.url));
const UNKNOWN_WORDS = operatorWords(UNKNOWN_RM_CODE);

/**
 * The codes the award core writes as literals: an event's errorCode, a pause's code, a *_CODE constant. Read from the
 * source so that a code added there without a catalogue entry fails here, not on a support call.
 */
function codesWrittenInAwards(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(AWARDS).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(AWARDS, file), 'utf8');
    for (const match of source.matchAll(/(?:errorCode: |code: |pause(?:WhileRmFails)?\(|_CODE = )'([A-Z][A-Z0-9_]+)'/g)) found.add(match[1] ?? '');
  }
  return [...found];
}

function expectOwnWords(code: string): void {
  const words = operatorWords(code);
  expect(words, code).not.toEqual(UNKNOWN_WORDS);
  expect(words.what.length, code).toBeGreaterThan(10);
  // The cashier's words name screens and people the command line does not have.
  expect(words.what, code).not.toBe(MESSAGES[`rm.${code}`]);
}

describe("the command line's words for each code", () => {
  it("every RM, transport and Kaunter code in the catalogue has its own", () => {
    for (const code of [...knownRmCodes(), ...Object.values(TRANSPORT_CODES), ...Object.keys(KAUNTER_CODES)]) expectOwnWords(code);
  });

  it('every code the screens have words for has them too', () => {
    const codes = Object.keys(MESSAGES).flatMap((key) => (/^rm\.[A-Z0-9_]+$/.test(key) ? [key.slice(3)] : []));
    expect(codes).toContain('INTERRUPTED');
    for (const code of codes.filter((code) => code !== UNKNOWN_RM_CODE)) expectOwnWords(code);
  });

  it("every code the award core records itself has them: the claim QR's cancel codes too", () => {
    const written = codesWrittenInAwards();
    expect(written).toEqual(expect.arrayContaining(['INTERRUPTED', 'STORE_ERROR', 'TOKEN_UNAVAILABLE', 'RESTORED', 'PUT_BACK', 'QR_NOT_MADE']));
    for (const code of [...written, RESTORED_CODE, PUT_BACK_CODE, QR_NOT_MADE_CODE, QR_CLAIMED_CODE, QR_ALREADY_CANCELLED_CODE]) expectOwnWords(code);
  });

  it('a code never seen: the unknown words, with the code to search for', () => {
    expect(operatorProblem('SOMETHING_NEW')).toEqual({ what: 'RM answered with an error Kaunter does not know (SOMETHING_NEW)', fix: null });
    expect(operatorProblem('QR_REDEEMED').what).toBe('the customer already claimed the points with the claim QR, so it cannot be cancelled (QR_REDEEMED)');
  });

  it("the catalogue's words stay out of what the core reports about an RM error", () => {
    expect(Object.keys(describeCode('MEMBER_NOT_FOUND')).sort()).toEqual(['kind', 'message', 'setupProblem']);
  });
});

describe('a store error on the command line', () => {
  const problems: StoreProblem[] = ['disk-full', 'read-only', 'corrupt', 'cannot-open', 'busy', 'too-new', 'unknown'];

  it.each(problems)("%s: the command line's words, then the file, never the app's", (problem) => {
    const text = commandErrorText(storeError(problem, '/data/awards.db'));
    expect(text).not.toContain(say(`store.${problem}`));
    expect(text).not.toMatch(/restart Kaunter|Kaunter windows|Close Kaunter/);
    expect(text).toMatch(/ File: \/data\/awards\.db$/);
  });

  it('says to run the command again once the cause is fixed, where that is the next step', () => {
    expect(commandErrorText(storeError('read-only', '/data/awards.db'))).toBe(
      'Kaunter cannot write to its database (the file or its folder is read-only, or on a read-only drive). Check that this user may write to the file and its folder, then run the command again. File: /data/awards.db',
    );
    expect(commandErrorText(storeError('unknown'))).toBe('Kaunter could not use its database. Check the disk, then run the command again.');
  });

  it("`hub join`'s restore cut short by the disk: the command line's words, then how to finish it", () => {
    const text = restoreCutShort(storeError('disk-full', '/data/awards.db')).message;
    expect(text).toMatch(/^The disk is full, so Kaunter cannot write to its database\. Free some space, then run the command again\./);
    expect(text).not.toContain(say('store.disk-full'));
    expect(text).toMatch(/File: \/data\/awards\.db\nThis terminal's history is not all here yet\. The command to run is `kaunter hub restore`, not `hub join` again/);
  });

  it('any other error is said in its own words', () => {
    expect(commandErrorText(new Error('--db (or KAUNTER_DB) is empty.'))).toBe('--db (or KAUNTER_DB) is empty.');
    expect(commandErrorText('plain text')).toBe('plain text');
  });
});
