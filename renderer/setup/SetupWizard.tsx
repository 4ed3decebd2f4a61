// First run: one step at a time. Next saves the step and moves on, or stays and says why; a step shows as done only
// when what it asks for is really saved. Finish only when the counter can work (a manager PIN, a store name, at least
// one cashier). Training needs no RM credentials, so it skips those steps.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoreText } from '../common/core-text.ts';
import { Problem } from '../common/Problem.tsx';
import { useManagerStore } from '../stores/manager-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { CredentialsSection } from './sections/CredentialsSection.tsx';
import { EnvironmentSection } from './sections/EnvironmentSection.tsx';
import { HeadOfficeSection } from './sections/HeadOfficeSection.tsx';
import { KeySection } from './sections/KeySection.tsx';
import { RecoveryCodeNotice } from '../manager/RecoveryCodeNotice.tsx';
import { PinSection } from './sections/PinSection.tsx';
import { saveSettings } from './sections/save-settings.ts';
import { ScannerSection } from './sections/ScannerSection.tsx';
import { StoreSection } from './sections/StoreSection.tsx';
import { TestCallSection } from './sections/TestCallSection.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';
import type { WizardStepProps } from './sections/wizard-step.ts';
import { missingForFinish, stepDone, stepHasForm, wizardSteps, type WizardStep } from './wizard-steps.ts';

const STEP_FORM = 'wizard-step-form';
import './setup.css';

export function SetupWizard() {
  const { t } = useTranslation();
  const environment = useStatusStore((state) => state.settings?.environment ?? 'training');
  const steps = wizardSteps(environment);
  const [index, setIndex] = useState(0);
  const step: WizardStep = steps[Math.min(index, steps.length - 1)] ?? 'environment';
  const position = steps.indexOf(step);
  const facts = useStepFacts();
  const next = (): void => setIndex(position + 1);

  return (
    <div className="wizard">
      <div className="wizard-header">
        <h1>{t('setup.title')}</h1>
        <LanguageSwitch />
      </div>
      <RecoveryCodeNotice />
      <ol className="wizard-steps" aria-label={t('setup.stepsLabel')}>
        {steps.map((name, stepIndex) => (
          <li key={name} aria-current={name === step ? 'step' : undefined} className={stepDone(name, stepIndex < position, facts) ? 'done' : undefined} data-testid={`wizard-chip-${name}`}>
            {t(`setup.step.${name}`)}
          </li>
        ))}
      </ol>
      <p className="wizard-progress" data-testid="wizard-step" data-step={step}>
        {t('setup.progress', { step: position + 1, total: steps.length, name: t(`setup.step.${step}`) })}
      </p>
      <StepBody step={step} wizard={{ formId: STEP_FORM, onDone: next }} />
      <div className="button-row wizard-nav">
        <button type="button" className="button-secondary" disabled={position === 0} onClick={() => setIndex(position - 1)} data-testid="wizard-back">
          {t('setup.back')}
        </button>
        {step !== 'finish' &&
          (stepHasForm(step) ? (
            // Keyed apart from the plain Next: reusing one element, a click that moved on to a form step also submitted it.
            <button key="next-submit" type="submit" form={STEP_FORM} className="button-primary" data-testid="wizard-next">
              {t('setup.next')}
            </button>
          ) : (
            <button key="next-button" type="button" className="button-primary" onClick={next} data-testid="wizard-next">
              {t('setup.next')}
            </button>
          ))}
      </div>
    </div>
  );
}

/** What is saved so far, for the step chips. */
function useStepFacts() {
  const credentials = useStatusStore((state) => state.credentials);
  const settings = useStatusStore((state) => state.settings);
  const pinSet = useManagerStore((state) => state.status?.pinSet === true);
  return {
    credentialsSaved: Boolean(credentials?.clientId && credentials.clientSecretSet),
    keySaved: Boolean(credentials?.privateKey),
    pinSet,
    storeSaved: Boolean(settings?.storeName.trim() && settings.cashiers.length > 0),
  };
}

function StepBody({ step, wizard }: { step: WizardStep } & Required<WizardStepProps>) {
  switch (step) {
    case 'environment':
      return <EnvironmentSection wizard={wizard} />;
    case 'credentials':
      return <CredentialsSection wizard={wizard} />;
    case 'key':
      return <KeySection wizard={wizard} />;
    case 'test':
      return <TestCallSection />;
    case 'scanner':
      return <ScannerSection />;
    case 'pin':
      return <PinSection wizard={wizard} />;
    case 'store':
      return <StoreSection showRetention={false} wizard={wizard} />;
    case 'headOffice':
      return <HeadOfficeSection wizard={wizard} />;
    case 'finish':
      return <FinishStep />;
  }
}

/** Setup done: the counter opens with the manager screens locked (setting the PIN unlocked them for the wizard). */
async function finishSetup(): Promise<CoreText | null> {
  const problem = await saveSettings({ setupComplete: true });
  if (problem) return problem;
  await useManagerStore.getState().lock();
  return null;
}

function FinishStep() {
  const { t } = useTranslation();
  const settings = useStatusStore((state) => state.settings);
  const pinSet = useManagerStore((state) => state.status?.pinSet === true);
  const [problem, setProblem] = useState<CoreText | null>(null);
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
