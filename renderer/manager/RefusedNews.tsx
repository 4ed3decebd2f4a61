// The counter's news of awards RM refused after their sale, at the top of the manager's History while the counter shows
// it: the manager can list them, or mark them seen, which clears the counter's notice so the next shift is not told
// again. The notice and this screen share one window and one store: the answer to "seen" clears both at once.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoreText } from '../common/core-text.ts';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatNumber, formatTimeNear } from '../format/locale.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import type { MethodOutput } from '../types.ts';
import './refused-news.css';

/** The refusals the line told of, for History to list: exactly them (news), made since the earliest of them. */
export type RefusedShown = Pick<MethodOutput<'queue.refused'>, 'news'> & { madeSinceMs: number };

/**
 * `listed`: the refusals History lists now, if it does. "Seen" marks no further than they go: one refused since they
 * were listed is counted on the line but not yet in front of the manager.
 */
export function RefusedNews({ onShow, listed }: { onShow: (shown: RefusedShown) => void; listed?: RefusedShown | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const refused = useStatusStore((state) => state.refused);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<CoreText | null>(null);
  // The count the counter last heard may be older than this screen (a shift began since): the notice follows too.
  useEffect(() => {
    void useStatusStore.getState().refreshRefused();
  }, []);
  if (!refused || refused.count === 0 || refused.madeSinceMs === null) return null;
  const { count, madeSinceMs, news } = refused;
  const seen = async (): Promise<void> => {
    setBusy(true);
    const result = await useStatusStore.getState().markRefusedSeen(Math.min(news.upToEvent, listed?.news.upToEvent ?? news.upToEvent));
    setBusy(false);
    if (result.ok) return setProblem(null);
    noteIfLocked(result.error);
    setProblem(result.error);
  };
  return (
    <div className="notice notice-warn history-scope refused-news" data-testid="history-refused-news" data-count={count}>
      <span>{t('history.refusedNews.label', { count, shown: formatNumber(count, language), since: formatTimeNear(refused.sinceMs, Date.now(), language) })}</span>
      <span className="refused-news-actions">
        <button type="button" className="button-secondary" onClick={() => onShow({ news, madeSinceMs })} data-testid="history-refused-show">
          {t('history.refusedNews.show', { count })}
        </button>
        <button type="button" className="button-secondary" onClick={() => void seen()} disabled={busy} data-testid="history-refused-seen">
          {t('history.refusedNews.seen')}
        </button>
      </span>
      <Problem message={problem} />
    </div>
  );
}
