// Training (practice with an embedded sandbox), RM's sandbox, or production: each has its own database. Behind the PIN
// a change asks first, saying what it means for awards still waiting to be sent (they stay with their environment).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButtons } from '../../common/ConfirmButtons.tsx';
import { useLanguage } from '../../common/use-language.ts';
import { formatNumber } from '../../format/locale.ts';
import { useStatusStore } from '../../stores/status-store.ts';
import type { SettingsView } from '../../types.ts';
import { saveSettings } from './save-settings.ts';
import { SectionSaved, type SaveResult } from './SectionSaved.tsx';
import type { WizardStepProps } from './wizard-step.ts';
import { SectionForm } from './SectionForm.tsx';

type Environment = SettingsView['environment'];
const ENVIRONMENTS: readonly Environment[] = ['training', 'sandbox', 'production'];

export function EnvironmentSection({ wizard }: WizardStepProps) {
  const { t } = useTranslation();
  const current = useStatusStore((state) => state.settings?.environment ?? 'training');
  const [chosen, setChosen] = useState(current);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<SaveResult | null>(null);

  const save = (): void => {
    setConfirming(false);
    void saveSettings({ environment: chosen }).then(async (problem) => {
      setResult({ problem });
      if (problem) return;
      await useStatusStore.getState().load();
      wizard?.onDone();
    });
  };

  return (
    <SectionForm
      wizard={wizard}
      titleId="environment-title"
      title={t('setup.environment.title')}
      onSubmit={() => {
        // First run has nothing queued to leave behind; later, a change of environment is confirmed first.
        if (!wizard && chosen !== current) setConfirming(true);
        else save();
      }}
    >
      <fieldset className="choices">
        <legend className="visually-hidden">{t('setup.environment.title')}</legend>
        {ENVIRONMENTS.map((environment) => (
          <label key={environment} className="choice">
            <input
              type="radio"
              name="environment"
              value={environment}
              checked={chosen === environment}
              onChange={() => {
                setChosen(environment);
                setConfirming(false);
              }}
              data-testid={`environment-${environment}`}
            />
            <span className="choice-text">
              <strong>{t(`setup.environment.${environment}.name`)}</strong>
              <span>{t(`setup.environment.${environment}.detail`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {confirming ? (
        <ConfirmSwitch to={chosen} from={current} onConfirm={save} onCancel={() => setConfirming(false)} />
      ) : (
        !wizard && (
          <button type="submit" className="button-primary" data-testid="environment-save">
            {t('common.save')}
          </button>
        )
      )}
      <SectionSaved result={result} />
    </SectionForm>
  );
}

function ConfirmSwitch({ to, from, onConfirm, onCancel }: { to: Environment; from: Environment; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const waiting = useStatusStore((state) => (state.queue ? state.queue.queued + state.queue.sending : 0));
  const name = t(`setup.environment.${to}.name`);
  return (
    <div className="notice notice-warn confirm-switch" role="alertdialog" aria-labelledby="switch-title" data-testid="environment-confirm">
      <p id="switch-title">
        <strong>{t('setup.environment.confirm.title', { name })}</strong>
      </p>
      <p>{t('setup.environment.confirm.database', { name })}</p>
      {waiting > 0 && (
        <p data-testid="environment-confirm-queued">
          {t('setup.environment.confirm.queued', { count: waiting, shown: formatNumber(waiting, language), current: t(`setup.environment.${from}.name`) })}
        </p>
      )}
      {to === 'production' && <p>{t('setup.environment.confirm.production')}</p>}
      <ConfirmButtons yes={t('setup.environment.confirm.yes', { name })} onConfirm={onConfirm} onCancel={onCancel} testId="environment-confirm-yes" />
    </div>
  );
}
