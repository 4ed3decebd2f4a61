import { useTranslation } from 'react-i18next';
import { useStatusStore } from '../stores/status-store.ts';

/** Training mode gives no real points: every screen says so, in a colour nobody mistakes for production. */
export function TrainingBanner() {
  const training = useStatusStore((state) => state.info?.training === true);
  if (!training) return null;
  return (
    <div className="training-banner" role="note" data-testid="training-banner">
      <TrainingWords />
    </div>
  );
}

/** The banner's words, for what is printed too: the banner itself is not. */
export function TrainingWords() {
  const { t } = useTranslation();
  return (
    <>
      <strong>{t('shell.training.title')}</strong> {t('shell.training.detail')}
    </>
  );
}
