import { useTranslation } from 'react-i18next';
import { useStatusStore } from '../stores/status-store.ts';

/** Training mode gives no real points: every screen says so, in a colour nobody mistakes for production. */
export function TrainingBanner() {
  const { t } = useTranslation();
  const training = useStatusStore((state) => state.info?.training === true);
  if (!training) return null;
  return (
    <div className="training-banner" role="note" data-testid="training-banner">
      <strong>{t('shell.training.title')}</strong> {t('shell.training.detail')}
    </div>
  );
}
