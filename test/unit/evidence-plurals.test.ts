// The RM evidence's English (the command line, the log and the English screens) says a count of one as one: "1 credit",
// "2 credits", "1 other award"; the trail's note of it is still read back into its code (new and older words alike),
// and the other languages, which do not inflect, keep the same parameters (messages-catalogue.test.ts).
import { describe, expect, it } from 'vitest';
import { reasonWords } from '../../app/awards/event-words.ts';
import { suggest, type Candidate } from '../../app/awards/rm-evidence.ts';
import { say } from '../../app/messages.ts';

const credit = (points: number): Candidate => ({ entry: { type: 'SPENDING_REWARD', points, createdAt: '2026-11-10T03:00:00Z' }, secondsFromAttempt: 30, pointsMatch: true });
const unsure = { state: 'UNKNOWN' as const, pointsPreview: 12 };
const elsewhere = { state: 'AWARDED' as const, pointsPreview: 12, pointsConfirmed: true };

describe("the evidence's English", () => {
  it('"credited" with one credit and with two', () => {
    expect(suggest([credit(12)], [], 12, false).explanation).toBe(
      'Revenue Monster shows 1 credit of 12 points in this window; 0 belong to other awards. This award was most likely applied.',
    );
    expect(suggest([credit(12), credit(12)], [elsewhere], 12, false).explanation).toBe(
      'Revenue Monster shows 2 credits of 12 points in this window; 1 belongs to another award. This award was most likely applied.',
    );
    expect(say('evidence.credited', { matching: 1, points: 1, elsewhere: 2 })).toBe(
      'Revenue Monster shows 1 credit of 1 point in this window; 2 belong to other awards. This award was most likely applied.',
    );
  });

  it('"shared" with one other award whose outcome is unknown, and with two', () => {
    expect(suggest([credit(12)], [unsure], 12, false).explanation).toMatch(
      /^Revenue Monster shows 1 credit of 12 points in this window; 0 belong to other awards, and 1 other award whose outcome is unknown, /,
    );
    expect(suggest([credit(12), credit(12)], [elsewhere, unsure, unsure], 12, false).explanation).toMatch(
      /^Revenue Monster shows 2 credits of 12 points in this window; 1 belongs to another award, and 2 other awards whose outcome is unknown, /,
    );
  });

  it('"resend" says one point as one', () => {
    expect(say('evidence.resend', { points: 1 })).toMatch(/^Revenue Monster shows no credit of 1 point in this window /);
    expect(say('evidence.resend', { points: 12 })).toMatch(/^Revenue Monster shows no credit of 12 points in this window /);
  });

  it('no sentence is left with "(s)" or a choice unmade', () => {
    const params = { matching: 3, points: 12, elsewhere: 1, unsure: 2 };
    for (const key of ['evidence.credited', 'evidence.shared', 'evidence.resend']) {
      expect(say(key, params), key).not.toMatch(/\(s\)|\{\{|\}\}|\|/);
    }
  });
});

describe("the trail's note that RM evidence was gathered", () => {
  it.each([
    [1, 'RM evidence gathered: 1 credit in the window, 1 of the expected size'],
    [2, 'RM evidence gathered: 2 credits in the window, 1 of the expected size'],
    [0, 'RM evidence gathered: 0 credits in the window, 1 of the expected size'],
  ])('its words for a count of %i read right, and read back into the one code the other languages say', (credits, words) => {
    expect(say('event.evidenceGathered', { credits, matching: 1 })).toBe(words);
    expect(reasonWords(words, null)).toEqual({ key: 'event.evidenceGathered', params: { credits: String(credits), matching: '1' } });
  });

  it('a count read back as words ("1") takes the word for one, as the number does', () => {
    expect(say('event.evidenceGathered', { credits: '1', matching: '1' })).toBe('RM evidence gathered: 1 credit in the window, 1 of the expected size');
    expect(say('event.evidenceGathered', { credits: '01', matching: '1' })).toBe('RM evidence gathered: 01 credits in the window, 1 of the expected size');
  });

  it('as older versions wrote it ("credit(s)") still reads back', () => {
    expect(reasonWords('RM evidence gathered: 2 credit(s) in the window, 1 of the expected size', null)).toEqual({
      key: 'event.evidenceGatheredEarlier',
      params: { credits: '2', matching: '1' },
    });
  });
});
