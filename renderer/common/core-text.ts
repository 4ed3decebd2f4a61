// The core's messages in the language on screen. The core sends each as a code with parameters beside its English
// (app/messages.ts); every other catalogue has every code under `core.` (a test checks it), and English shows the
// core's own words. An award state among the parameters is named in the same language, and so is the parameter `rm`,
// an RM or transport code (the event trail's "not applied: {{rm}}").
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AwardState } from '../types.ts';

export interface CoreText {
  message: string;
  key?: string | undefined;
  params?: Record<string, string | number> | undefined;
  /** The contract's error code, for a general sentence when a message has no code of its own. */
  code?: string | undefined;
}

const STATES: readonly string[] = ['QUEUED', 'SENDING', 'AWARDED', 'REJECTED', 'UNKNOWN', 'VOIDED', 'CANCELLED'] satisfies AwardState[];

/** An award's last error (RM's code, or Kaunter's own like INTERRUPTED) as a message to translate. */
export function rmText(error: { code: string; message: string }): CoreText {
  return { message: error.message, key: `rm.${error.code}` };
}

export function useCoreText(): (text: CoreText | string | null | undefined) => string | null {
  const { t, i18n } = useTranslation();
  return useCallback(
    (text) => {
      if (!text) return null;
      if (typeof text === 'string') return text;
      // A sentence, not a branch of the catalogue: a code from elsewhere (head office's pages take the hub's) may name
      // one, which i18next would show as "returned an object instead of string".
      const isSentence = (key: string) => i18n.exists(key) && typeof t(key as never, { returnObjects: true } as never) === 'string';
      // An RM code this version does not know has one sentence of its own, like the core's.
      const rmKey = (key: string) => (isSentence(`core.${key}`) ? key : 'rm.UNKNOWN');
      const param = (name: string, value: string | number) => {
        if (name === 'rm') return t(`core.${rmKey(`rm.${value}`)}` as never);
        return STATES.includes(String(value)) ? t(`state.${value as AwardState}`) : value;
      };
      const params = Object.fromEntries(Object.entries(text.params ?? {}).map(([name, value]) => [name, param(name, value)]));
      const key = text.key?.startsWith('rm.') ? rmKey(text.key) : text.key;
      if (key && isSentence(`core.${key}`)) {
        // A sentence wanting a parameter the message lacks (a hub or core of another version) would show its bare
        // {{name}}. The sender's own words are whole and say the same thing; the code's general sentence may not (a
        // hub's LOCKED is a lockout, a counter's the manager's PIN).
        let lacking = false;
        const missingInterpolationHandler = (): string => {
          lacking = true;
          return '';
        };
        const said = t(`core.${key}` as never, { ...params, missingInterpolationHandler });
        return lacking ? text.message : said;
      }
      if (i18n.resolvedLanguage !== 'en' && text.code && i18n.exists(`core.error.${text.code}`)) return t(`core.error.${text.code}` as never);
      return text.message;
    },
    [t, i18n],
  );
}
