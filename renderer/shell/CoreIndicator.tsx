// Kaunter's core runs in its own process; when it stops, the host restarts it. The cashier sees that it is happening,
// and for a while afterwards that it happened (an award that was being sent then is in Review).
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../common/use-language.ts';
import { useNow } from '../common/use-now.ts';
import { formatTime } from '../format/locale.ts';
import { useStatusStore } from '../stores/status-store.ts';

/** How long "Restarted at ..." stays in the status bar. */
const SHOW_RESTART_MS = 15 * 60_000;

export function CoreIndicator() {
  const { t } = useTranslation();
  const language = useLanguage();
  const core = useStatusStore((state) => state.core);
  const recent = core?.lastRestartAt !== null && core?.lastRestartAt !== undefined;
  const now = useNow(30_000, recent);
  if (!core) return null;
  if (core.state === 'restarting') {
    return (
      <span className="pill pill-bad" role="alert" data-testid="core-status" data-state="restarting">
        {t('shell.coreRestarting')}
        {core.problem ? ` ${core.problem}` : ''}
      </span>
    );
  }
  if (core.lastRestartAt === null || now - core.lastRestartAt > SHOW_RESTART_MS) return null;
  const time = formatTime(core.lastRestartAt, language);
  return (
    <span className="pill pill-warn" title={t('shell.coreRestartedDetail')} data-testid="core-status" data-state="restarted">
      {t('shell.coreRestarted', { time })}
    </span>
  );
}
