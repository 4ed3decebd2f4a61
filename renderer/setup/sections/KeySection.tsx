// The private key that signs every request to RM: import a PEM (pasted or from a file) or let the core generate one.
// Only the public key and its fingerprint ever reach this screen, to be uploaded in RM's Merchant Portal.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../../api.ts';
import { Problem } from '../../common/Problem.tsx';
import { useStatusStore } from '../../stores/status-store.ts';
import type { CredentialsStatus, Result } from '../../types.ts';
import { SectionSaved, type SaveResult } from './SectionSaved.tsx';
import { settleSave } from './settle-save.ts';
import type { WizardStepProps } from './wizard-step.ts';

const MAX_PEM_CHARS = 20_000;

export function KeySection({ wizard }: WizardStepProps) {
  const { t } = useTranslation();
  const privateKey = useStatusStore((state) => state.credentials?.privateKey ?? null);
  const [pem, setPem] = useState('');
  const [confirmGenerate, setConfirmGenerate] = useState(false);
  const [result, setResult] = useState<SaveResult | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  /** An imported key moves the wizard on; a generated one stays, so its public key can be copied to RM first. */
  const apply = (saved: Result<CredentialsStatus>, moveOn = false): void => {
    const done = settleSave(saved, setResult, (credentials) => {
      useStatusStore.getState().setCredentials(credentials);
      setPem('');
    });
    if (done && moveOn) wizard?.onDone();
  };

  const readFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (file.size > MAX_PEM_CHARS) {
      setFileProblem(t('setup.key.fileTooLarge'));
      return;
    }
    setFileProblem(null);
    setPem(await file.text());
  };

  return (
    <section className="section" aria-labelledby="key-title">
      <h2 id="key-title">{t('setup.key.title')}</h2>
      {privateKey ? <PublicKey fingerprint={privateKey.fingerprint} publicKeyPem={privateKey.publicKeyPem} /> : <p className="notice notice-warn">{t('setup.key.none')}</p>}
      <form
        id={wizard?.formId}
        className="subsection"
        onSubmit={(event) => {
          event.preventDefault();
          // In the wizard, Next with nothing pasted moves on when a key is already there (imported or generated).
          if (pem.trim() === '' && wizard && privateKey) wizard.onDone();
          else if (pem.trim() === '') setResult({ problem: t('setup.key.pasteFirst') });
          else void kaunter().credentials.set({ privateKeyPem: pem.slice(0, MAX_PEM_CHARS) }).then((saved) => apply(saved, true));
        }}
      >
        <h3>{t('setup.key.importTitle')}</h3>
        <label htmlFor="private-key-pem">{t('setup.key.paste')}</label>
        <textarea id="private-key-pem" rows={6} spellCheck={false} autoComplete="off" value={pem} onChange={(event) => setPem(event.target.value)} />
        <label htmlFor="private-key-file">{t('setup.key.file')}</label>
        <PemFileChoice onFile={(file) => void readFile(file)} />
        <Problem message={fileProblem} />
        <button type="submit" className="button-primary">
          {t('setup.key.import')}
        </button>
      </form>
      <div className="subsection">
        <h3>{t('setup.key.generateTitle')}</h3>
        <p className="field-hint">{t('setup.key.generateHelp')}</p>
        {privateKey && confirmGenerate ? (
          <div className="button-row">
            <p className="warning">{t('setup.key.replaceWarning')}</p>
            <button type="button" className="button-danger" onClick={() => void kaunter().credentials.generateKey({}).then((saved) => apply(saved)).then(() => setConfirmGenerate(false))}>
              {t('setup.key.replace')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirmGenerate(false)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button-secondary"
            data-testid="generate-key"
            onClick={() => (privateKey ? setConfirmGenerate(true) : void kaunter().credentials.generateKey({}).then((saved) => apply(saved)))}
          >
            {t('setup.key.generate')}
          </button>
        )}
      </div>
      <SectionSaved result={result} />
    </section>
  );
}

function PublicKey({ fingerprint, publicKeyPem }: { fingerprint: string; publicKeyPem: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = (): void => {
    navigator.clipboard.writeText(publicKeyPem).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="public-key" data-testid="public-key">
      <p>{t('setup.key.upload')}</p>
      <p>
        {t('setup.key.fingerprint')} <code data-testid="fingerprint">{fingerprint}</code>
      </p>
      <label htmlFor="public-key-pem">{t('setup.key.publicKey')}</label>
      <textarea id="public-key-pem" rows={8} readOnly value={publicKeyPem} onFocus={(event) => event.target.select()} />
      <button type="button" className="button-secondary" onClick={copy} data-testid="copy-public-key">
        {t('setup.key.copy')}
      </button>
      {copied === true && <p role="status">{t('setup.key.copied')}</p>}
      {copied === false && <p role="alert">{t('setup.key.copyFailed')}</p>}
    </div>
  );
}

/**
 * The browser's own file input says "Choose File" and "No file chosen" in the browser's language, not the one on screen:
 * it stays hidden (a hidden file input still opens when clicked), behind a button and a line in the screen's language.
 */
function PemFileChoice({ onFile }: { onFile: (file: File | undefined) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="file-choice">
      <input
        ref={input}
        id="private-key-file"
        type="file"
        accept=".pem,.key,.txt"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          setName(file?.name ?? null);
          onFile(file);
        }}
      />
      <button type="button" className="button-secondary" aria-describedby="private-key-file-name" onClick={() => input.current?.click()} data-testid="choose-key-file">
        {t('setup.key.chooseFile')}
      </button>
      <span id="private-key-file-name" className="field-hint">
        {name ?? t('setup.key.noFile')}
      </span>
    </div>
  );
}
