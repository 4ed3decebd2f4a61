// Who an award is recorded under, in the language on screen: a cashier by name, the terminal of a shop without a cashier
// list as "Terminal <name>" in this language (stored as a code, or in older awards as the English words).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { cashierWords } from '../../app/common/cashier.ts';

export function useCashierText(): (stored: string) => string {
  const { t } = useTranslation();
  return useCallback((stored: string) => cashierWords(stored, (name) => t('shell.terminalAsCashier', { name })), [t]);
}
