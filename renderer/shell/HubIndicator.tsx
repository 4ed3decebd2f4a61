// Head office on the status bar: synced, N waiting, unreachable since when, revoked, or a restore cut short. Nothing for
// a shop without a hub. A word or two and an icon (the icon alone on a compact header, as the other pills): the whole
// sentence is the pill's tooltip and what a screen reader says.
import { Building2 } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatNumber } from '../format/locale.ts';
import { useHubStore, watchHubStatus } from '../stores/hub-store.ts';
import type { HubStatus } from '../types.ts';

interface PillWords {
  state: string;
  ok: boolean;
  label: string;
  sentence: string;
}

export function HubIndicator() {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useHubStore((state) => state.status);
  useEffect(watchHubStatus, []);
  if (!status || status.kind === 'not-joined') return null;
  const words = wordsFor(status, t, (at) => formatDateTime(at, language), (n) => formatNumber(n, language));
  return (
    <span className={words.ok ? 'pill pill-ok' : 'pill pill-warn'} role="img" aria-label={words.sentence} title={words.sentence} data-testid="hub-status" data-state={words.state}>
      <Building2 aria-hidden="true" size={18} />
      <span className="pill-label">{words.label}</span>
    </span>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function wordsFor(status: Exclude<HubStatus, { kind: 'not-joined' }>, t: Translate, dateTime: (at: number) => string, number: (n: number) => string): PillWords {
  switch (status.kind) {
    case 'synced':
      return { state: 'synced', ok: true, label: t('hub.indicator.short.synced'), sentence: t('hub.indicator.synced') };
    case 'waiting':
      return {
        state: 'waiting',
        ok: true,
        label: t('hub.indicator.short.waiting', { count: number(status.waiting) }),
        sentence: t('hub.indicator.waiting', { count: number(status.waiting) }),
      };
    case 'unreachable':
      return {
        state: 'unreachable',
        ok: false,
        label: t('hub.indicator.short.unreachable'),
        sentence: `${t('hub.indicator.unreachable', { time: dateTime(status.since) })}. ${status.message}`,
      };
    case 'restore-unfinished':
      return { state: 'restore-unfinished', ok: false, label: t('hub.indicator.short.restoreUnfinished'), sentence: t('hub.section.restoreUnfinished') };
    case 'refused': {
      const revoked = status.code === 'REVOKED';
      return {
        state: revoked ? 'revoked' : 'refused',
        ok: false,
        label: t(revoked ? 'hub.indicator.short.revoked' : 'hub.indicator.short.refused'),
        sentence: `${t(revoked ? 'hub.indicator.revoked' : 'hub.indicator.refused')}. ${status.message}`,
      };
    }
  }
}
