// RM's client id and secret. The secret goes to the keychain through the core and never comes back: the form only
// says whether one is saved. A lost keychain entry (needs-reprovisioning) is fixed by typing the secrets again here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../../api.ts';
import { useCoreText } from '../../common/core-text.ts';
import { useStatusStore } from '../../stores/status-store.ts';
import { SectionSaved, type SaveResult } from './SectionSaved.tsx';
import { settleSave } from './settle-save.ts';
import type { WizardStepProps } from './wizard-step.ts';
import { SectionForm } from './SectionForm.tsx';

export function CredentialsSection({ wizard }: WizardStepProps) {
  const { t } = useTranslation();
  const credentials = useStatusStore((state) => state.credentials);
  const say = useCoreText();
  const [clientId, setClientId] = useState(credentials?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [result, setResult] = useState<SaveResult | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    const patch = {
      ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
      ...(clientSecret.trim() ? { clientSecret: clientSecret.trim() } : {}),
    };
    if (Object.keys(patch).length === 0) {
      // In the wizard, Next with nothing typed moves on when both are already saved.
      if (wizard && credentials?.clientId && credentials.clientSecretSet) wizard.onDone();
      else setResult({ problem: t('setup.credentials.nothingToSave') });
      return;
    }
    setBusy(true);
    const saved = await kaunter().credentials.set(patch);
    setBusy(false);
    const done = settleSave(saved, setResult, (credentials) => {
      useStatusStore.getState().setCredentials(credentials);
      setClientSecret('');
    });
    if (done) wizard?.onDone();
  };

  return (
    <SectionForm
      wizard={wizard}
      titleId="credentials-title"
      title={t('setup.credentials.title')}
      onSubmit={() => {
        if (!busy) void save();
      }}
    >
      <p className="field-hint">{t('setup.credentials.help')}</p>
      {credentials && (
        <p className={credentials.state === 'ready' || credentials.state === 'training' ? 'notice notice-ok' : 'notice notice-warn'} data-testid="credentials-state" data-state={credentials.state}>
          {say({ message: credentials.message, key: `credentials.${credentials.state}` })}
        </p>
      )}
      <label htmlFor="client-id">{t('setup.credentials.clientId')}</label>
      <input id="client-id" autoComplete="off" spellCheck={false} maxLength={200} value={clientId} onChange={(event) => setClientId(event.target.value)} />
      <label htmlFor="client-secret">{t('setup.credentials.clientSecret')}</label>
      <input id="client-secret" type="password" autoComplete="off" maxLength={500} value={clientSecret} onChange={(event) => setClientSecret(event.target.value)} />
      <p className="field-hint">{t(credentials?.clientSecretSet ? 'setup.credentials.secretSaved' : 'setup.credentials.secretMissing')}</p>
      {!wizard && (
        <button type="submit" className="button-primary" aria-busy={busy}>
          {t('common.save')}
        </button>
      )}
      <SectionSaved result={result} />
    </SectionForm>
  );
}
