import { useTranslation } from 'react-i18next';

/** Before the first sale (and between sales once the panel is closed): the three steps, for a new cashier. */
export function IdlePanel() {
  const { t } = useTranslation();
  return (
    <section className="idle" aria-labelledby="idle-title">
      <h2 id="idle-title">{t('counter.idle.title')}</h2>
      <ol>
        <li>{t('counter.idle.steps.amount')}</li>
        <li>{t('counter.idle.steps.member')}</li>
        <li>{t('counter.idle.steps.confirm')}</li>
      </ol>
      <p className="field-hint">{t('counter.idle.keys')}</p>
    </section>
  );
}
