import { useTranslation } from 'react-i18next';
import { isLanguage, type Language } from '../i18n/languages.ts';

/** The language the UI is showing now (for number, money and date formats). */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : 'en';
}
