// First run: one step at a time, each saved as it goes, and Finish only when the counter can work (a manager PIN,
// a store name, at least one cashier). Training needs no RM credentials, so it skips those steps.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { useManagerStore } from '../stores/manager-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { CredentialsSection } from './sections/CredentialsSection.tsx';
import { EnvironmentSection } from './sections/EnvironmentSection.tsx';
import { HeadOfficeSection } from './sections/HeadOfficeSection.tsx';
import { KeySection } from './sections/KeySection.tsx';
import { PinSection } from './sections/PinSection.tsx';
import { saveSettings } from './sections/save-settings.ts';
import { ScannerSection } from './sections/ScannerSection.tsx';
import { StoreSection } from './sections/StoreSection.tsx';
import { TestCallSection } from './sections/TestCallSection.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import { missingForFinish, wizardSteps, type WizardStep } from './wizard-steps.ts';
import './setup.css';

export function SetupWizard() {
  const { t } = useTranslation();
  const environment = useStatusStore((state) => state.settings?.environment ?? 'training');
  const steps = wizardSteps(environment);
  const [index, setIndex] = useState(0);
  const step: WizardStep = steps[Math.min(index, steps.length - 1)] ?? 'environment';
  const position = steps.indexOf(step);

  return (
    <div className="wizard">
      <div className="wizard-header">
        <h1>{t('setup.title')}</h1>
        <LanguageSwitch />
      </div>
      <ol className="wizard-steps" aria-label={t('setup.stepsLabel')}>
        {steps.map((name, stepIndex) => (
          <li key={name} aria-current={name === step ? 'step' : undefined} className={stepIndex < position ? 'done' : undefined}>
            {t(`setup.step.${name}`)}
          </li>
        ))}
      </ol>
      <p className="wizard-progress" data-testid="wizard-step" data-step={step}>
        {t('setup.progress', { step: position + 1, total: steps.length, name: t(`setup.step.${step}`) })}
      </p>
      <StepBody step={step} />
      <div className="button-row wizard-nav">
        <button type="button" className="button-secondary" disabled={position === 0} onClick={() => setIndex(position - 1)} data-testid="wizard-back">
          {t('setup.back')}
        </button>
        {step !== 'finish' && (
          <button type="button" className="button-primary" onClick={() => setIndex(position + 1)} data-testid="wizard-next">
            {t('setup.next')}
          </button>
        )}
      </div>
    </div>
  );
}

function StepBody({ step }: { step: WizardStep }) {
  switch (step) {
    case 'environment':
      return <EnvironmentSection />;
    case 'credentials':
      return <CredentialsSection />;
    case 'key':
      return <KeySection />;
    case 'test':
      return <TestCallSection />;
    case 'scanner':
      return <ScannerSection />;
    case 'pin':
      return <PinSection />;
    case 'store':
      return <StoreSection showRetention={false} />;
    case 'headOffice':
      return <HeadOfficeSection />;
    case 'finish':
      return <FinishStep />;
  }
}

/** Setup done: the counter opens with the manager screens locked (setting the PIN unlocked them for the wizard). */
async function finishSetup(): Promise<string | null> {
  const problem = await saveSettings({ setupComplete: true });
  if (problem) return problem;
  await useManagerStore.getState().lock();
  return null;
}

function FinishStep() {
  const { t } = useTranslation();
  const settings = useStatusStore((state) => state.settings);
  const pinSet = useManagerStore((state) => state.status?.pinSet === true);
  const [problem, setProblem] = useState<string | null>(null);
  const missing = missingForFinish({ pinSet, storeName: settings?.storeName ?? '', cashiers: settings?.cashiers ?? [] });
  return (
    <section className="section" aria-labelledby="finish-title">
      <h2 id="finish-title">{t('setup.finish.title')}</h2>
      {missing.length > 0 ? (
        <ul className="missing" data-testid="wizard-missing">
          {missing.map((item) => (
            <li key={item}>{t(`setup.finish.missing.${item}`)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('setup.finish.ready')}</p>
      )}
      <button
        type="button"
        className="button-primary"
        aria-disabled={missing.length > 0}
        data-testid="wizard-finish"
        onClick={() => {
          if (missing.length > 0) return;
          void finishSetup().then(setProblem);
        }}
      >
        {t('setup.finish.button')}
      </button>
      <Problem message={problem} />
    </section>
  );
}
