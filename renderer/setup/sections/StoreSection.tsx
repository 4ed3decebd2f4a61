// The shop's names and its cashiers (one per line), and how long history is kept.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStatusStore } from '../../stores/status-store.ts';
import { saveSettings } from './save-settings.ts';
import { SectionSaved, type SaveResult } from './SectionSaved.tsx';
import type { WizardStepProps } from './wizard-step.ts';
import { SectionForm } from './SectionForm.tsx';

const MAX_CASHIERS = 50;

export function cashierNames(text: string): string[] {
  const names = text
    .split('\n')
    .map((line) => line.trim().slice(0, 60))
    .filter((line) => line !== '');
  return [...new Set(names)].slice(0, MAX_CASHIERS);
}

export function StoreSection({ showRetention, wizard }: { showRetention: boolean } & WizardStepProps) {
  const { t } = useTranslation();
  const settings = useStatusStore((state) => state.settings);
  const [storeName, setStoreName] = useState(settings?.storeName ?? '');
  const [terminalName, setTerminalName] = useState(settings?.terminalName ?? '');
  const [cashiers, setCashiers] = useState((settings?.cashiers ?? []).join('\n'));
  const [retention, setRetention] = useState(settings?.retentionDays === null || settings === null ? '' : String(settings.retentionDays));
  const [result, setResult] = useState<SaveResult | null>(null);

  const save = (): void => {
    const names = cashierNames(cashiers);
    if (storeName.trim() === '') {
      setResult({ problem: t('setup.store.storeNameRequired') });
      return;
    }
    if (names.length === 0) {
      setResult({ problem: t('setup.store.cashiersRequired') });
      return;
    }
    const retentionDays = retention.trim() === '' ? null : Number(retention);
    if (retentionDays !== null && (!Number.isInteger(retentionDays) || retentionDays < 30 || retentionDays > 3650)) {
      setResult({ problem: t('setup.store.retentionRange') });
      return;
    }
    void saveSettings({
      storeName: storeName.trim(),
      terminalName: terminalName.trim(),
      cashiers: names,
      ...(showRetention ? { retentionDays } : {}),
    }).then((problem) => {
      setResult({ problem });
      if (problem) return;
      setCashiers(names.join('\n'));
      wizard?.onDone();
    });
  };

  return (
    <SectionForm wizard={wizard} titleId="store-title" title={t('setup.store.title')} onSubmit={save}>
      <label htmlFor="store-name">{t('setup.store.storeName')}</label>
      <input id="store-name" maxLength={60} value={storeName} onChange={(event) => setStoreName(event.target.value)} />
      <label htmlFor="terminal-name">{t('setup.store.terminalName')}</label>
      <input id="terminal-name" maxLength={60} value={terminalName} onChange={(event) => setTerminalName(event.target.value)} />
      <label htmlFor="cashiers">{t('setup.store.cashiers')}</label>
      <textarea id="cashiers" rows={5} value={cashiers} onChange={(event) => setCashiers(event.target.value)} aria-describedby="cashiers-help" />
      <p className="field-hint" id="cashiers-help">
        {t('setup.store.cashiersHelp')}
      </p>
      {showRetention && (
        <>
          <label htmlFor="retention">{t('setup.store.retention')}</label>
          <input id="retention" inputMode="numeric" maxLength={4} value={retention} onChange={(event) => setRetention(event.target.value.replace(/\D/g, ''))} aria-describedby="retention-help" />
          <p className="field-hint" id="retention-help">
            {t('setup.store.retentionHelp')}
          </p>
        </>
      )}
      {!wizard && (
        <button type="submit" className="button-primary" data-testid="store-save">
          {t('common.save')}
        </button>
      )}
      <SectionSaved result={result} />
    </SectionForm>
  );
}
