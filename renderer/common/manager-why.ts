// Why an award's outcome is unknown, as the manager reads it. The core's words for these codes are the cashier's
// ("...; a manager will check"), which on the manager's own screens points at the reader; for the codes that leave an
// award unknown the manager reads what happened and what it means instead. Any other code: the core's words.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { rmText, useCoreText } from './core-text.ts';

export function useManagerWhy(): (error: { code: string; message: string }) => string {
  const { t, i18n } = useTranslation();
  const say = useCoreText();
  return useCallback(
    (error) => (i18n.exists(`managerWhy.${error.code}`) ? t(`managerWhy.${error.code}` as never) : (say(rmText(error)) ?? error.message)),
    [t, i18n, say],
  );
}
