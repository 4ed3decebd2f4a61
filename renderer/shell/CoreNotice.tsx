// Kaunter's core runs in its own process; when it stops, the host restarts it. The cashier sees that it is happening
// (with the reason, while it keeps failing), and for a while afterwards that it happened: an award that was being sent
// then is in Review. Said in the notice line under the header, as other news too long for a pill.
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../common/use-language.ts';
import { useNow } from '../common/use-now.ts';
import { formatTime } from '../format/locale.ts';
import { useStatusStore } from '../stores/status-store.ts';

/** How long "Restarted at ..." stays under the header. */
const SHOW_RESTART_MS = 15 * 60_000;

export function CoreNotice() {
  const { t } = useTranslation();
  const language = useLanguage();
  const core = useStatusStore((state) => state.core);
  const now = useNow(30_000, core?.lastRestartAt !== null && core?.lastRestartAt !== undefined);
  if (!core) return null;
  if (core.state === 'restarting') {
    return (
      <div className="notice-line">
        <p className="notice-text notice-text-bad" role="alert" data-testid="core-status" data-state="restarting">
          {t('shell.coreRestarting')}
          {core.problem ? ` ${core.problem}` : ''}
        </p>
      </div>
    );
  }
  if (core.lastRestartAt === null || now - core.lastRestartAt > SHOW_RESTART_MS) return null;
  return (
    <div className="notice-line">
      <p className="notice-text notice-text-warn" data-testid="core-status" data-state="restarted">
        <strong>{t('shell.coreRestarted', { time: formatTime(core.lastRestartAt, language) })}</strong> {t('shell.coreRestartedDetail')}
      </p>
    </div>
  );
}
