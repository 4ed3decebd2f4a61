// Head office on the status bar: synced, N waiting, unreachable since when, revoked, a restore cut short, or being brought
// back in step (a merge, which pauses the counter: every screen says so). Nothing for a shop without a hub. An icon of
// its own for each (not colour alone) and a word or two; on a compact header the icon alone, with the count while awards
// wait, as the other pills. The whole sentence, in the terminal's language, is the pill's tooltip, what a screen reader
// says and what a tap says; the connection's own words (English) are in Settings > Head office.
import { ArchiveRestore, Ban, Building2, CloudDownload, CloudOff, CloudUpload, ShieldX, type LucideIcon } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { refusedAsPutBack } from '../../app/common/put-back-refusal.ts';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatNumber } from '../format/locale.ts';
import { useHubStore, watchHubStatus } from '../stores/hub-store.ts';
import type { HubStatus } from '../types.ts';
import { WordsPill } from './PillWords.tsx';

interface PillWords {
  state: string;
  Icon: LucideIcon;
  className: 'pill pill-ok' | 'pill' | 'pill pill-warn';
  label: string;
  /** The count shown beside the icon on a compact header (waiting only). */
  count: string | null;
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
    <WordsPill name="hub" className={words.className} words={words.sentence} data-testid="hub-status" data-state={words.state}>
      <words.Icon aria-hidden="true" size={18} />
      <span className="pill-label">{words.label}</span>
      {words.count !== null && (
        <span className="pill-count" aria-hidden="true">
          {words.count}
        </span>
      )}
    </WordsPill>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function wordsFor(status: Exclude<HubStatus, { kind: 'not-joined' }>, t: Translate, dateTime: (at: number) => string, number: (n: number) => string): PillWords {
  const noCount = { count: null };
  switch (status.kind) {
    case 'synced':
      return { ...noCount, state: 'synced', Icon: Building2, className: 'pill pill-ok', label: t('hub.indicator.short.synced'), sentence: t('hub.indicator.synced') };
    case 'waiting': {
      const count = number(status.waiting);
      // Waiting is the normal moment between a sale and the next push: not a warning.
      return { state: 'waiting', Icon: CloudUpload, className: 'pill', count, label: t('hub.indicator.short.waiting', { count }), sentence: t('hub.indicator.waiting', { count }) };
    }
    case 'unreachable':
      return {
        ...noCount,
        state: 'unreachable',
        Icon: CloudOff,
        className: 'pill pill-warn',
        label: t('hub.indicator.short.unreachable'),
        sentence: t('hub.indicator.unreachable', { time: dateTime(status.since) }),
      };
    case 'restore-unfinished':
      return { ...noCount, state: 'restore-unfinished', Icon: ArchiveRestore, className: 'pill pill-warn', label: t('hub.indicator.short.restoreUnfinished'), sentence: t('hub.section.restoreUnfinished') };
    case 'merging':
      return { ...noCount, state: 'merging', Icon: CloudDownload, className: 'pill pill-warn', label: t('hub.indicator.short.merging'), sentence: t('hub.indicator.merging') };
    case 'refused': {
      const revoked = status.code === 'REVOKED';
      // A put-back copy has its own way back in Settings, which a manager takes without support.
      const sentence = revoked ? 'hub.indicator.revoked' : refusedAsPutBack(status) ? 'hub.indicator.putBack' : 'hub.indicator.refused';
      return {
        ...noCount,
        state: revoked ? 'revoked' : 'refused',
        Icon: revoked ? ShieldX : Ban,
        className: 'pill pill-warn',
        label: t(revoked ? 'hub.indicator.short.revoked' : 'hub.indicator.short.refused'),
        sentence: t(sentence),
      };
    }
  }
}
