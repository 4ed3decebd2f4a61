// Online or offline, how many awards wait to be sent, and how many need a manager: always in view.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { rmText, useCoreText } from '../common/core-text.ts';
import { useLanguage } from '../common/use-language.ts';
import { formatNumber } from '../format/locale.ts';
import { useStatusStore } from '../stores/status-store.ts';

export function QueueIndicators() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queue = useStatusStore((state) => state.queue);
  const connection = useStatusStore((state) => state.connection);
  const say = useCoreText();
  const [asked, setAsked] = useState(false);
  if (connection !== 'connected') {
    return (
      <span className="pill pill-bad" role="alert" data-testid="connection" data-state={connection}>
        {t(`shell.connection.${connection}`)}
      </span>
    );
  }
  if (!queue) return null;
  const waiting = queue.queued + queue.sending;
  return (
    <>
      <span className={queue.online ? 'pill pill-ok' : 'pill pill-bad'} data-testid="online" data-online={queue.online}>
        <span aria-hidden="true">{queue.online ? '●' : '○'}</span> {t(queue.online ? 'shell.online' : 'shell.offline')}
      </span>
      <span className={waiting > 0 ? 'pill pill-warn' : 'pill'} data-testid="queued" data-count={waiting}>
        {t('shell.queued', { count: waiting, shown: formatNumber(waiting, language) })}
      </span>
      {waiting > 0 && (
        <button
          type="button"
          className="button-secondary button-small"
          aria-busy={asked}
          data-testid="send-now"
          onClick={() => {
            setAsked(true);
            void kaunter().queue.retryNow({}).finally(() => setAsked(false));
          }}
        >
          {t('shell.sendNow')}
        </button>
      )}
      <span className={queue.unknown > 0 ? 'pill pill-bad' : 'pill'} data-testid="unknown" data-count={queue.unknown}>
        {t('shell.unknown', { count: queue.unknown, shown: formatNumber(queue.unknown, language) })}
      </span>
      {!queue.sendingEnabled && (
        <span className="pill pill-warn" title={t('shell.notSendingDetail')} data-testid="not-sending">
          {t('shell.notSending')}
        </span>
      )}
      {queue.paused && (
        <span className="pill pill-bad" role="alert" data-testid="paused">
          {say(rmText(queue.paused))}
        </span>
      )}
    </>
  );
}
