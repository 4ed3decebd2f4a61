// Every message the core can give reaches the screens as a code with parameters (app/messages.ts), and every catalogue
// says every one of them, with the same parameters: a code missing from Bahasa Melayu or Chinese fails here. (English is
// the core's own words.) The award states read differently from one another in every language.
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../app/messages.ts';
import { knownRmCodes, TRANSPORT_CODES } from '../../app/rm/errors.ts';
import en from '../../renderer/i18n/en.json';
import ms from '../../renderer/i18n/ms.json';
import zh from '../../renderer/i18n/zh.json';

const CATALOGUES = { ms, zh } as const;

function at(catalogue: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalogue);
}

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([name, value]) => (typeof value === 'string' ? [`${prefix}${name}`] : keysOf(value as object, `${prefix}${name}.`)));
}

function params(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();
}

describe('the catalogue of core messages', () => {
  it('covers every RM and transport code the core can report', () => {
    for (const code of [...knownRmCodes(), ...Object.values(TRANSPORT_CODES), 'UNKNOWN', 'INTERRUPTED']) expect(MESSAGES, code).toHaveProperty([`rm.${code}`]);
  });

  it.each(Object.keys(CATALOGUES) as Array<keyof typeof CATALOGUES>)('%s says every code, with the same parameters as the English', (language) => {
    const missing: string[] = [];
    for (const [key, english] of Object.entries(MESSAGES)) {
      const text = at(CATALOGUES[language], `core.${key}`);
      if (typeof text !== 'string') missing.push(key);
      else expect(params(text), `${language} core.${key}`).toEqual(params(english));
    }
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(CATALOGUES) as Array<keyof typeof CATALOGUES>)('%s puts parameters in as they are: no format, no nested sentence', (language) => {
    // The page says the sender's own words when a sentence wants a parameter the message lacks (core-text.ts); i18next
    // would fill a formatted one with "NaN" instead, and a nested $t() hides its parameters from that check.
    const fancy = keysOf(CATALOGUES[language].core).filter((key) => /\{\{(?!\w+\}\})|\$t\(/.test(String(at(CATALOGUES[language].core, key))));
    expect(fancy).toEqual([]);
  });

  it('has no code in a catalogue that the core does not send', () => {
    for (const catalogue of Object.values(CATALOGUES)) {
      expect(keysOf(catalogue.core).filter((key) => !(key in MESSAGES))).toEqual([]);
    }
  });

  it.each([['en', en], ['ms', ms], ['zh', zh]] as const)('%s names each award state differently', (_language, catalogue) => {
    const names = Object.values(catalogue.state);
    expect(new Set(names).size).toBe(names.length);
  });
});
