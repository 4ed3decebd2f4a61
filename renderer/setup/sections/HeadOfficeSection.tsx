// Joining head office's hub with the one-time code it gave for this terminal: optional, for chains and shops with
// several counters. The credential the code is exchanged for stays in the core (the OS keychain). In the first-run
// wizard the step has one action, the wizard's Next: it joins and moves on, or stays and says why; with both fields
// empty it moves on without joining (the hub is optional). Behind the PIN the section keeps its own Join.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../../api.ts';
import type { HubStatus } from '../../types.ts';
import type { CoreText } from '../../common/core-text.ts';
import { Problem } from '../../common/Problem.tsx';
import { useHubStore } from '../../stores/hub-store.ts';
import { useStatusStore } from '../../stores/status-store.ts';
import { PutBackMerge } from './PutBackMerge.tsx';
import { SectionForm } from './SectionForm.tsx';
import type { WizardStepProps } from './wizard-step.ts';

type StateKey = 'hub.section.notJoined' | 'hub.section.restoreUnfinished' | 'hub.section.merging' | 'hub.section.joined';

function stateKey(kind: HubStatus['kind'] | undefined): StateKey {
  switch (kind) {
    case undefined:
    case 'not-joined':
      return 'hub.section.notJoined';
    case 'restore-unfinished':
      return 'hub.section.restoreUnfinished';
    case 'merging':
      return 'hub.section.merging';
    case 'synced':
    case 'waiting':
    case 'unreachable':
    case 'refused':
      return 'hub.section.joined';
  }
}

/** What the manager must act on, or wait for: marked so it stands out from a plain "joined". */
const WARNED: ReadonlySet<HubStatus['kind'] | undefined> = new Set(['restore-unfinished', 'merging']);

export function HeadOfficeSection({ wizard }: WizardStepProps) {
  const { t } = useTranslation();
  const training = useStatusStore((state) => state.settings?.environment === 'training');
  const status = useHubStore((state) => state.status);
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<CoreText | string | null>(null);
  const join = async (): Promise<void> => {
    const given = { url: url.trim(), code: code.trim() };
    if (wizard && (training || (given.url === '' && given.code === ''))) return wizard.onDone();
    if (given.url === '' || given.code === '') return setProblem(t('hub.section.bothOrNeither'));
    setBusy(true);
    setProblem(null);
    const result = await kaunter().hub.join(given);
    setBusy(false);
    if (!result.ok) return setProblem(result.error);
    useHubStore.getState().set(result.value);
    setCode('');
    wizard?.onDone();
  };
  return (
    <SectionForm wizard={wizard} titleId="head-office-title" title={t('hub.section.title')} onSubmit={() => void join()}>
      <p className="field-hint">{t('hub.section.intro')}</p>
      {training ? (
        <p className="notice">{t('hub.section.training')}</p>
      ) : (
        <>
          <p data-testid="head-office-state" data-state={status?.kind} className={WARNED.has(status?.kind) ? 'notice notice-warn' : undefined}>
            {t(stateKey(status?.kind))}
          </p>
          <ConnectionDetail status={status} />
          {!wizard && <PutBackMerge />}
          <label htmlFor="hub-url">{t('hub.section.url')}</label>
          <input id="hub-url" type="url" maxLength={300} value={url} onChange={(event) => setUrl(event.target.value)} data-testid="hub-url" />
          <label htmlFor="hub-code">{t('hub.section.code')}</label>
          <input id="hub-code" autoComplete="off" maxLength={64} value={code} onChange={(event) => setCode(event.target.value)} data-testid="hub-code" />
          {wizard ? (
            <p className="field-hint" aria-busy={busy}>
              {t('hub.section.wizardHint')}
            </p>
          ) : (
            <div className="button-row">
              <button type="submit" className="button-primary" disabled={busy || url.trim() === '' || code.trim() === ''} aria-busy={busy} data-testid="hub-join">
                {t('hub.section.join')}
              </button>
            </div>
          )}
          <Problem message={problem} />
        </>
      )}
    </SectionForm>
  );
}

/** Why head office is out of reach or refused, in the connection's own words (English), for whoever fixes it. */
function ConnectionDetail({ status }: { status: HubStatus | null }) {
  const { t } = useTranslation();
  if (status?.kind !== 'unreachable' && status?.kind !== 'refused') return null;
  return (
    <p className="field-hint" data-testid="head-office-detail">
      {t('hub.section.detail')} <span lang="en">{status.message}</span>
    </p>
  );
}
