// Joining head office's hub with the one-time code it gave for this terminal: optional, for chains and shops with
// several counters. The credential the code is exchanged for stays in the core (the OS keychain).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../../api.ts';
import { Problem } from '../../common/Problem.tsx';
import { useHubStore } from '../../stores/hub-store.ts';
import { useStatusStore } from '../../stores/status-store.ts';

export function HeadOfficeSection() {
  const { t } = useTranslation();
  const training = useStatusStore((state) => state.settings?.environment === 'training');
  const status = useHubStore((state) => state.status);
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const join = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    const result = await kaunter().hub.join({ url: url.trim(), code: code.trim() });
    setBusy(false);
    if (result.ok) {
      useHubStore.getState().set(result.value);
      setCode('');
    } else setProblem(result.error.message);
  };
  return (
    <form
      className="section"
      aria-labelledby="head-office-title"
      onSubmit={(event) => {
        event.preventDefault();
        void join();
      }}
    >
      <h2 id="head-office-title">{t('hub.section.title')}</h2>
      <p className="field-hint">{t('hub.section.intro')}</p>
      {training ? (
        <p className="notice">{t('hub.section.training')}</p>
      ) : (
        <>
          <p data-testid="head-office-state">{status && status.kind !== 'not-joined' ? t('hub.section.joined') : t('hub.section.notJoined')}</p>
          <label htmlFor="hub-url">{t('hub.section.url')}</label>
          <input id="hub-url" type="url" maxLength={300} value={url} onChange={(event) => setUrl(event.target.value)} data-testid="hub-url" />
          <label htmlFor="hub-code">{t('hub.section.code')}</label>
          <input id="hub-code" autoComplete="off" maxLength={64} value={code} onChange={(event) => setCode(event.target.value)} data-testid="hub-code" />
          <div className="button-row">
            <button type="submit" className="button-primary" disabled={busy || url.trim() === '' || code.trim() === ''} aria-busy={busy} data-testid="hub-join">
              {t('hub.section.join')}
            </button>
          </div>
          <Problem message={problem} />
        </>
      )}
    </form>
  );
}
