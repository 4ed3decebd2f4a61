// Keys are checked at compile time against the English catalogue (the i18n test checks the other two match it).
import 'i18next';
import type en from './en.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}
