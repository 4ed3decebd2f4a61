// A message's code names a sentence of the catalogue, or it is not used: head office's pages take the code the hub
// sends, and one naming a branch of the catalogue (a group of sentences) must not show i18next's "returned an object
// instead of string" to the user. The page then says the contract code's sentence, as for a message with no code.
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
