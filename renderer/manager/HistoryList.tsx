// The history as a virtualised list: only the rows in view (plus a few) are in the page, whatever the number loaded;
// reaching the end of what is loaded asks for the next page.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { memberText } from '../common/member-text.ts';
import { pointsText } from '../common/points-text.ts';
import { StateIcon } from '../common/StateIcon.tsx';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatMoney } from '../format/locale.ts';
import type { AwardView } from '../types.ts';
import type { HistoryPages } from './use-history-pages.ts';
import { useCashierText } from '../common/cashier-text.ts';

export const ROW_HEIGHT = 56;
/** Start loading the next page this many rows before the end of what is loaded. */
const LOAD_AHEAD_ROWS = 40;

/** Where an award was made, for a list that spans outlets and terminals (head office); a counter's list has none. */
export type PlaceOf = (award: AwardView) => string | null;

export function HistoryList({ pages, onOpen, placeOf }: { pages: HistoryPages; onOpen: (award: AwardView) => void; placeOf?: PlaceOf | undefined }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { items, hasMore, loading, loadMore } = pages;
  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 960, height: 480 },
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    // The first page is the hook's own; this asks only for the ones after it.
    if (items.length > 0 && hasMore && !loading && lastIndex >= items.length - LOAD_AHEAD_ROWS) loadMore();
  }, [lastIndex, items.length, hasMore, loading, loadMore]);

  return (
    <div className="history-list">
      <div className={`history-row history-head${placeOf ? ' history-row-placed' : ''}`} aria-hidden="true">
        <span>{t('history.column.time')}</span>
        {placeOf && <span>{t('history.column.place')}</span>}
        <span>{t('history.column.amount')}</span>
        <span>{t('history.column.member')}</span>
        <span>{t('history.column.cashier')}</span>
        <span>{t('history.column.state')}</span>
        <span>{t('history.column.points')}</span>
        <span>{t('history.column.receipt')}</span>
      </div>
      <div ref={scrollRef} className="history-scroll" role="list" aria-label={t('history.listLabel')} aria-busy={loading} data-testid="history-list">
        <div className="history-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualRows.map((row) => {
            const award = items[row.index];
            return (
              <div key={row.key} role="listitem" className="history-slot" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }} data-index={row.index}>
                {award ? <HistoryRow award={award} onOpen={onOpen} placeOf={placeOf} /> : <p className="history-loading">{t('history.loadingMore')}</p>}
              </div>
            );
          })}
        </div>
        {items.length === 0 && !hasMore && <p className="field-hint">{t('history.empty')}</p>}
      </div>
      <Problem message={pages.problem} />
    </div>
  );
}

function HistoryRow({ award, onOpen, placeOf }: { award: AwardView; onOpen: (award: AwardView) => void; placeOf?: PlaceOf | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const cashierText = useCashierText();
  return (
    <button type="button" className={`history-row${placeOf ? ' history-row-placed' : ''}`} onClick={() => onOpen(award)} data-testid="history-row" data-award-id={award.id}>
      <span>{formatDateTime(award.createdAt, language)}</span>
      {placeOf && <span data-testid="history-place">{placeOf(award) ?? ''}</span>}
      <span className="numeric">{formatMoney(award.amountSen, language)}</span>
      <span>{memberText(award.member) ?? t('member.claimQr')}</span>
      <span>{cashierText(award.cashier)}</span>
      <span className={`state state-${award.state}`} data-testid="history-state">
        <StateIcon state={award.state} />
        {t(`state.${award.state}`)}
        {award.claimedAt !== null && ` · ${t('state.claimed')}`}
      </span>
      <span className="numeric">{pointsText(award, t, language) ?? ''}</span>
      {/* A long receipt number is cut to fit; its whole text shows on hover, and in the award's detail. */}
      <span title={award.receiptRef ?? undefined}>{award.receiptRef ?? ''}</span>
    </button>
  );
}
