// The shop's receipt-number pattern (a scan matching it fills the receipt field), and what an older settings file held
// that this Kaunter had to set aside: the manager sees it here, not only in the log.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStatusStore } from '../../stores/status-store.ts';
import { saveSettings } from './save-settings.ts';
import { SectionSaved, type SaveResult } from './SectionSaved.tsx';

export function ReceiptPatternField() {
  const { t } = useTranslation();
  const saved = useStatusStore((state) => state.settings?.receiptPattern ?? null);
  const setAside = useStatusStore((state) => state.settings?.setAsidePatterns ?? []);
  const [pattern, setPattern] = useState(saved ?? '');
  const [result, setResult] = useState<SaveResult | null>(null);

  const save = (event: FormEvent): void => {
    event.preventDefault();
    const wanted = pattern.trim();
    void saveSettings({ receiptPattern: wanted === '' ? null : wanted }).then((problem) => setResult({ problem }));
  };

  return (
    <form className="subsection" onSubmit={save} aria-labelledby="receipt-pattern-title">
      <h3 id="receipt-pattern-title">{t('setup.scanner.receiptPattern.title')}</h3>
      {setAside.map(({ field, pattern: old }) => (
        <p key={field} className="notice notice-warn" role="status" data-testid={`set-aside-${field}`}>
          {t(`setup.scanner.receiptPattern.setAside.${field}`, { pattern: old })}
        </p>
      ))}
      <label htmlFor="receipt-pattern">{t('setup.scanner.receiptPattern.label')}</label>
      <input
        id="receipt-pattern"
        maxLength={200}
        spellCheck={false}
        value={pattern}
        onChange={(event) => setPattern(event.target.value)}
        aria-describedby="receipt-pattern-help"
        data-testid="receipt-pattern"
      />
      <p className="field-hint" id="receipt-pattern-help">
        {t('setup.scanner.receiptPattern.help')}
      </p>
      <button type="submit" className="button-secondary" data-testid="receipt-pattern-save">
        {t('common.save')}
      </button>
      <SectionSaved result={result} />
    </form>
  );
}
