// Where the awards stand, always in view: the line to Kaunter and RM, how many wait to be sent (a tap sends them now),
// how many need a manager (a tap opens Review), and, only when there are some, how many RM refused after the sale; at
// nought, and on the refused pill, a tap says the pill's words. Each state has its icon and its words, not only a colour.
import { Ban, CircleAlert, Send, Unplug, Wifi, WifiOff } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { rmText, useCoreText } from '../common/core-text.ts';
import { useLanguage } from '../common/use-language.ts';
import { formatNumber, formatTimeNear } from '../format/locale.ts';
import { useNavStore } from '../stores/nav-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { WordsPill } from './PillWords.tsx';
import { useShopDayTurn } from './use-shop-day-turn.ts';

export function QueueIndicators() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queue = useStatusStore((state) => state.queue);
  const connection = useStatusStore((state) => state.connection);
  const show = useNavStore((state) => state.show);
  const [asked, setAsked] = useState(false);
  if (connection !== 'connected') {
    return (
      <span className="pill pill-bad" role="alert" title={t(`shell.connection.${connection}`)} data-testid="connection" data-state={connection}>
        <Unplug aria-hidden="true" size={18} />
        <span className="pill-long">{t(`shell.connection.${connection}`)}</span>
        <span className="pill-short" aria-hidden="true">
          {t(`shell.connection.short.${connection}`)}
        </span>
      </span>
    );
  }
  if (!queue) return null;
  const onlineText = t(queue.online ? 'shell.online' : 'shell.offline');
  const waiting = queue.queued + queue.sending;
  const queuedText = t('shell.queued', { count: waiting, shown: formatNumber(waiting, language) });
  const unknownText = t('shell.unknown', { count: queue.unknown, shown: formatNumber(queue.unknown, language) });
  const sendNow = () => {
    setAsked(true);
    void kaunter().queue.retryNow({}).finally(() => setAsked(false));
  };
  return (
    <>
      <span className={queue.online ? 'pill pill-ok' : 'pill pill-bad'} title={onlineText} data-testid="online" data-online={queue.online}>
        {/* The crossed cloud is head office's "unreachable" (HubIndicator): the internet's own has the crossed wifi. */}
        {queue.online ? <Wifi aria-hidden="true" size={18} /> : <WifiOff aria-hidden="true" size={18} />}
        <span className="online-words">{onlineText}</span>
      </span>
      {/* One button whether or not awards wait, so a count that changes under the finger keeps its focus. */}
      <WordsPill
        name="queued"
        className={waiting > 0 ? 'pill pill-warn pill-button' : 'pill'}
        words={waiting > 0 ? `${queuedText}: ${t('shell.sendNow')}` : queuedText}
        onTap={waiting > 0 ? sendNow : undefined}
        aria-busy={waiting > 0 ? asked : undefined}
        data-testid="queued"
        data-count={waiting}
      >
        <Send aria-hidden="true" size={18} />
        <PillText text={queuedText} count={formatNumber(waiting, language)} />
      </WordsPill>
      <WordsPill
        name="unknown"
        className={queue.unknown > 0 ? 'pill pill-bad pill-button' : 'pill'}
        words={unknownText}
        onTap={queue.unknown > 0 ? () => show('manager', 'review') : undefined}
        data-testid="unknown"
        data-count={queue.unknown}
      >
        <CircleAlert aria-hidden="true" size={18} />
        <PillText text={unknownText} count={formatNumber(queue.unknown, language)} />
      </WordsPill>
      <RefusedPill />
    </>
  );
}

/**
 * Awards RM refused after their customer had left: news for the cashier, not an alarm over the sale in hand. It shows
 * only while there are some, in the waiting colour, and a tap says what happened and what to do (tell the manager),
 * since the cashier can do nothing else about it.
 */
function RefusedPill() {
  const { t } = useTranslation();
  const language = useLanguage();
  const refused = useStatusStore((state) => state.refused);
  const refreshRefused = useStatusStore((state) => state.refreshRefused);
  // A terminal without shifts counts from the start of the shop's day, and "since" reads differently on the next one.
  useShopDayTurn(refused !== null && refused.count > 0, refreshRefused);
  if (!refused || refused.count === 0) return null;
  const shown = formatNumber(refused.count, language);
  const label = t('shell.refused', { count: refused.count, shown });
  const words = t('shell.refusedDetail', { count: refused.count, shown, since: formatTimeNear(refused.sinceMs, Date.now(), language) });
  return (
    <WordsPill name="refused" className="pill pill-warn" words={words} data-testid="refused" data-count={refused.count}>
      <Ban aria-hidden="true" size={18} />
      <PillText text={label} count={shown} />
    </WordsPill>
  );
}

/**
 * A count pill's words, and the bare count that stands in for them on a compact header beside the pill's
 * icon; the words stay the pill's name (aria-label) for screen readers, its tooltip, and what a tap says at nought.
 */
function PillText({ text, count }: { text: string; count: string }) {
  return (
    <>
      <span className="pill-label" data-testid="pill-label">
        {text}
      </span>
      <span className="pill-count" aria-hidden="true" title={text}>
        {count}
      </span>
    </>
  );
}

/** What needs more than a word: sending paused for a reason, or not sending from this window. */
export function QueueNotices() {
  const { t } = useTranslation();
  const say = useCoreText();
  const queue = useStatusStore((state) => state.queue);
  const connection = useStatusStore((state) => state.connection);
  if (!queue || connection !== 'connected' || (queue.sendingEnabled && !queue.paused)) return null;
  return (
    <div className="notice-line">
      {!queue.sendingEnabled && (
        <p className="notice-text notice-text-warn" data-testid="not-sending">
          <strong>{t('shell.notSending')}</strong> {t('shell.notSendingDetail')}
        </p>
      )}
      {queue.paused && (
        <p className="notice-text notice-text-bad" role="alert" data-testid="paused">
          {say(rmText(queue.paused))}
        </p>
      )}
    </div>
  );
}
