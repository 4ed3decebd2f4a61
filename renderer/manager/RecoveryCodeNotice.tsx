// A recovery code the core just made, shown once: the owner writes it down and keeps it away from the counter. It is
// the way back in when the PIN is lost or the pad is locked, so the notice stays until they say it is written down.
import { useTranslation } from 'react-i18next';
import { useManagerStore } from '../stores/manager-store.ts';
import './recovery-code.css';

export function RecoveryCodeNotice() {
  const { t } = useTranslation();
  const code = useManagerStore((state) => state.recoveryCode);
  const dismiss = useManagerStore((state) => state.dismissRecoveryCode);
  if (code === null) return null;
  return (
    <div className="notice notice-warn" role="alert" data-testid="recovery-code">
      <p>{t('recovery.notice')}</p>
      <p className="recovery-code">
        <code>{code}</code>
      </p>
      <button type="button" className="button-secondary" onClick={dismiss} data-testid="recovery-code-done">
        {t('recovery.writtenDown')}
      </button>
    </div>
  );
}
