// Head office on the status bar: synced, N waiting, unreachable since when, revoked, or a restore cut short. Nothing for
// a shop without a hub.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatNumber } from '../format/locale.ts';
import { useHubStore, watchHubStatus } from '../stores/hub-store.ts';

export function HubIndicator() {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useHubStore((state) => state.status);
  useEffect(watchHubStatus, []);
  if (!status || status.kind === 'not-joined') return null;
  switch (status.kind) {
    case 'synced':
      return <span className="pill pill-ok" data-testid="hub-status" data-state="synced">{t('hub.indicator.synced')}</span>;
    case 'waiting':
      return <span className="pill" data-testid="hub-status" data-state="waiting">{t('hub.indicator.waiting', { count: formatNumber(status.waiting, language) })}</span>;
    case 'unreachable':
      return (
        <span className="pill pill-warn" title={status.message} data-testid="hub-status" data-state="unreachable">
          {t('hub.indicator.unreachable', { time: formatDateTime(status.since, language) })}
        </span>
      );
    case 'restore-unfinished':
      return (
        <span className="pill pill-warn" title={t('hub.section.restoreUnfinished')} data-testid="hub-status" data-state="restore-unfinished">
          {t('hub.indicator.restoreUnfinished')}
        </span>
      );
    case 'refused':
      return (
        <span className="pill pill-warn" title={status.message} data-testid="hub-status" data-state={status.code === 'REVOKED' ? 'revoked' : 'refused'}>
          {t(status.code === 'REVOKED' ? 'hub.indicator.revoked' : 'hub.indicator.refused')}
          <span className="visually-hidden">{status.message}</span>
        </span>
      );
  }
}
