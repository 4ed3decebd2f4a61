// i18next with the three catalogues bundled in (they are small, and a counter must not wait for a fetch to show text).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ms from './ms.json';
import zh from './zh.json';
import type { Language } from './languages.ts';

export const catalogues = { en, ms, zh } as const;

export function initI18n(language: Language): typeof i18next {
  if (i18next.isInitialized) {
    void i18next.changeLanguage(language);
    return i18next;
  }
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ms: { translation: ms }, zh: { translation: zh } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    // No advertisement in the shop's console (it is where support looks for real problems).
    showSupportNotice: false,
  });
  return i18next;
}

export function setLanguage(language: Language): void {
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = { en: 'en-MY', ms: 'ms-MY', zh: 'zh-Hans-MY' }[language];
}
