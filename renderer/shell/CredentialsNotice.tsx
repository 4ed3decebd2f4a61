import { useTranslation } from 'react-i18next';
import { useCoreText } from '../common/core-text.ts';
import { useStatusStore } from '../stores/status-store.ts';

/**
 * When the keychain lost the secrets (new OS user, keyring reset) or cannot be reached, say so on every screen with the
 * way out: awards still queue, and a manager re-enters the secrets in Settings.
 */
export function CredentialsNotice({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const credentials = useStatusStore((state) => state.credentials);
  const say = useCoreText();
  if (!credentials || (credentials.state !== 'needs-reprovisioning' && credentials.state !== 'keychain-unavailable')) return null;
  return (
    <div className="notice notice-bad" role="alert" data-testid="credentials-notice">
      <p>{say({ message: credentials.message, key: `credentials.${credentials.state}` })}</p>
      <p>{t(`credentials.fix.${credentials.state}`)}</p>
      <button type="button" className="button-secondary" onClick={onOpenSettings}>
        {t('credentials.openSettings')}
      </button>
    </div>
  );
}
