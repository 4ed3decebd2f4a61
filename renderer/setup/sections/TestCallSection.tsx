import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../../api.ts';
import { rmText, useCoreText, type CoreText } from '../../common/core-text.ts';
import { useStatusStore } from '../../stores/status-store.ts';
import { noteIfLocked } from '../../stores/manager-store.ts';
import type { CredentialsTest } from '../../types.ts';

/** One signed call to RM with the saved credentials and key: proves they work before the first customer does. */
/** The test's answer as a message to translate: passed, RM's (or the transport's) code, or the keychain's state. */
function testText(outcome: CredentialsTest, credentialsState: string | undefined): CoreText {
  if (outcome.ok) return { message: outcome.message, key: 'credentials.testPassed' };
  if (outcome.code) return rmText({ code: outcome.code, message: outcome.message });
  return { message: outcome.message, key: credentialsState ? `credentials.${credentialsState}` : undefined };
}

export function TestCallSection() {
  const { t } = useTranslation();
  const say = useCoreText();
  const credentialsState = useStatusStore((state) => state.credentials?.state);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CredentialsTest | null>(null);
  const run = (): void => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    void kaunter()
      .credentials.test({})
      .then((result) => {
        setBusy(false);
        if (result.ok) setOutcome(result.value);
        else {
          noteIfLocked(result.error);
          setOutcome({ ok: false, message: result.error.message, code: result.error.rmCode ?? result.error.code });
        }
      });
  };
  return (
    <section className="section" aria-labelledby="test-title">
      <h2 id="test-title">{t('setup.test.title')}</h2>
      <p className="field-hint">{t('setup.test.help')}</p>
      <button type="button" className="button-primary" onClick={run} aria-busy={busy} data-testid="test-call">
        {busy ? t('setup.test.running') : t('setup.test.run')}
      </button>
      {outcome && (
        <div className={outcome.ok ? 'notice notice-ok' : 'notice notice-bad'} role="status" data-testid="test-result" data-ok={outcome.ok}>
          <p>
            <strong>{t(outcome.ok ? 'setup.test.passed' : 'setup.test.failed')}</strong>
          </p>
          <p>{say(testText(outcome, credentialsState))}</p>
        </div>
      )}
    </section>
  );
}
