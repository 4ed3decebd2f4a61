// The core's messages in the language on screen. The core sends each as a code with parameters beside its English
// (app/messages.ts); every other catalogue has every code under `core.` (a test checks it), and English shows the
// core's own words. An award state among the parameters is named in the same language.
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
      const params = Object.fromEntries(Object.entries(text.params ?? {}).map(([name, value]) => [name, STATES.includes(String(value)) ? t(`state.${value as AwardState}`) : value]));
      // An RM code this version does not know has one sentence of its own, like the core's.
      const key = text.key?.startsWith('rm.') && !i18n.exists(`core.${text.key}`) ? 'rm.UNKNOWN' : text.key;
      if (key && i18n.exists(`core.${key}`)) return t(`core.${key}` as never, params);
      if (i18n.resolvedLanguage !== 'en' && text.code && i18n.exists(`core.error.${text.code}`)) return t(`core.error.${text.code}` as never);
      return text.message;
    },
    [t, i18n],
  );
}
