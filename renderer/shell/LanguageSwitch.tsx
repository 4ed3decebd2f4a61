import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages.ts';
import { useLanguage } from '../common/use-language.ts';
import { useStatusStore } from '../stores/status-store.ts';

/** Each language named in itself, switchable at any time; the choice is kept in settings. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  const chooseLanguage = useStatusStore((state) => state.chooseLanguage);
  return (
    <div className="segmented language-switch" role="group" aria-label={t('shell.language')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          className="segment"
          lang={option}
          aria-pressed={language === option}
          data-testid={`language-${option}`}
          aria-label={t(`languageName.${option}`)}
          title={t(`languageName.${option}`)}
          onClick={() => void chooseLanguage(option)}
        >
          {t(`languageShort.${option}`)}
        </button>
      ))}
    </div>
  );
}
