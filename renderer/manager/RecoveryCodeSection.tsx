// Settings: a new recovery code when the written one is lost, or for a terminal set up before there were any. The core
// asks for the current PIN first: a new code sets a new PIN, so an unlocked screen alone must not be enough.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { Problem } from '../common/Problem.tsx';
import type { CoreText } from '../common/core-text.ts';
import { noteIfLocked, useManagerStore } from '../stores/manager-store.ts';

export function RecoveryCodeSection() {
  const { t } = useTranslation();
  const hasCode = useManagerStore((state) => state.status?.recoveryCodeSet ?? false);
  const [current, setCurrent] = useState('');
  const [problem, setProblem] = useState<CoreText | string | null>(null);

  const make = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await kaunter().manager.newRecoveryCode({ currentPin: current });
    setCurrent('');
    if (result.ok) {
      setProblem(null);
      useManagerStore.getState().showRecoveryCode(result.value.recoveryCode);
      await useManagerStore.getState().load();
    } else {
      noteIfLocked(result.error);
      setProblem(result.error);
    }
  };

  return (
    <form className="section" aria-labelledby="recovery-section-title" onSubmit={(event) => void make(event)}>
      <h2 id="recovery-section-title">{t('recovery.sectionTitle')}</h2>
      <p className="field-hint">{t(hasCode ? 'recovery.sectionHint' : 'recovery.none')}</p>
      <label htmlFor="recovery-current-pin">{t('setup.pin.current')}</label>
      <input
        id="recovery-current-pin"
        type="password"
        inputMode="numeric"
        autoComplete="current-password"
        maxLength={8}
        value={current}
        onChange={(event) => setCurrent(event.target.value.replace(/\D/g, ''))}
      />
      <button type="submit" className="button-secondary" data-testid="recovery-new">
        {t('recovery.make')}
      </button>
      <Problem message={problem} />
    </form>
  );
}
