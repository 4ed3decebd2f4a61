// Settings: a new recovery code when the written one is lost, or for a terminal set up before there were any.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { Problem } from '../common/Problem.tsx';
import { noteIfLocked, useManagerStore } from '../stores/manager-store.ts';

export function RecoveryCodeSection() {
  const { t } = useTranslation();
  const hasCode = useManagerStore((state) => state.status?.recoveryCodeSet ?? false);
  const [problem, setProblem] = useState<string | null>(null);

  const make = async (): Promise<void> => {
    const result = await kaunter().manager.newRecoveryCode({});
    if (result.ok) {
      setProblem(null);
      useManagerStore.getState().showRecoveryCode(result.value.recoveryCode);
      await useManagerStore.getState().load();
    } else {
      noteIfLocked(result.error);
      setProblem(result.error.message);
    }
  };

  return (
    <section className="section" aria-labelledby="recovery-section-title">
      <h2 id="recovery-section-title">{t('recovery.sectionTitle')}</h2>
      <p className="field-hint">{t(hasCode ? 'recovery.sectionHint' : 'recovery.none')}</p>
      <button type="button" className="button-secondary" onClick={() => void make()} data-testid="recovery-new">
        {t('recovery.make')}
      </button>
      <Problem message={problem} />
    </section>
  );
}
