// A message's code names a sentence of the catalogue, or it is not used: head office's pages take the code the hub
// sends, and one naming a branch of the catalogue (a group of sentences) must not show i18next's "returned an object
// instead of string" to the user. The page then says the contract code's sentence, as for a message with no code. A
// sentence wanting a parameter the message lacks (a sender of another version) would show {{name}}: the sender's own
// words are said instead.
import { renderHook } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCoreText } from '../../renderer/common/core-text.ts';
import { initI18n } from '../../renderer/i18n/i18n.ts';
import ms from '../../renderer/i18n/ms.json';

beforeAll(async () => {
  await initI18n('ms').changeLanguage('ms');
});

describe('a message by its code', () => {
  it('says the sentence a code names, in the language on screen', () => {
    const say = renderHook(() => useCoreText()).result.current;
    expect(say({ message: 'That name and password do not match.', key: 'headOffice.signInWrong', code: 'LOCKED' })).toBe(ms.core.headOffice.signInWrong);
  });

  it('a code naming a group of sentences, or none, gives the contract code\'s sentence', () => {
    const say = renderHook(() => useCoreText()).result.current;
    for (const key of ['headOffice', 'award.invalid', 'headOffice.noSuchThing']) {
      expect(say({ message: 'There is no such award.', key, code: 'NOT_FOUND' })).toBe(ms.core.error.NOT_FOUND);
    }
  });
});

describe('a message lacking a parameter its sentence names', () => {
  const text = { message: 'Too many wrong passwords for this user: try again in 30 seconds.', key: 'headOffice.userLockedOut', code: 'LOCKED' };

  it('is said with the parameter when it has it', () => {
    const say = renderHook(() => useCoreText()).result.current;
    expect(say({ ...text, params: { seconds: 30 } })).toBe(ms.core.headOffice.userLockedOut.replace('{{seconds}}', '30'));
  });

  it('without it, gives the sender\'s words, not a bare {{name}} nor the code\'s general sentence (the manager\'s PIN)', () => {
    const say = renderHook(() => useCoreText()).result.current;
    const lacking: Array<Record<string, number> | undefined> = [undefined, {}, { minutes: 1 }];
    for (const params of lacking) expect(say({ ...text, params })).toBe(text.message);
  });
});
