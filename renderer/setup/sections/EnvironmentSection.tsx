import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStatusStore } from '../../stores/status-store.ts';
import type { SettingsView } from '../../types.ts';
import { saveSettings } from './save-settings.ts';
import { SectionSaved, type SaveResult } from './SectionSaved.tsx';
import type { WizardStepProps } from './wizard-step.ts';

const ENVIRONMENTS: ReadonlyArray<SettingsView['environment']> = ['training', 'sandbox', 'production'];

/** Training (practice with an embedded sandbox), RM's sandbox, or production: each has its own database. */
export function EnvironmentSection({ wizard }: WizardStepProps) {
  const { t } = useTranslation();
  const current = useStatusStore((state) => state.settings?.environment ?? 'training');
  const [chosen, setChosen] = useState(current);
  const [result, setResult] = useState<SaveResult | null>(null);
  return (
    <form
      id={wizard?.formId}
      className="section"
      aria-labelledby="environment-title"
      onSubmit={(event) => {
        event.preventDefault();
        void saveSettings({ environment: chosen }).then(async (problem) => {
          setResult({ problem });
          if (problem) return;
          await useStatusStore.getState().load();
          wizard?.onDone();
        });
      }}
    >
      <h2 id="environment-title">{t('setup.environment.title')}</h2>
      <fieldset className="choices">
        <legend className="visually-hidden">{t('setup.environment.title')}</legend>
        {ENVIRONMENTS.map((environment) => (
          <label key={environment} className="choice">
            <input type="radio" name="environment" value={environment} checked={chosen === environment} onChange={() => setChosen(environment)} data-testid={`environment-${environment}`} />
            <span className="choice-text">
              <strong>{t(`setup.environment.${environment}.name`)}</strong>
              <span>{t(`setup.environment.${environment}.detail`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {!wizard && (
        <button type="submit" className="button-primary" data-testid="environment-save">
          {t('common.save')}
        </button>
      )}
      <SectionSaved result={result} />
    </form>
  );
}
