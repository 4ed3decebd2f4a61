// The history as a virtualised list: only the rows in view (plus a few) are in the page, whatever the number loaded;
// reaching the end of what is loaded asks for the next page.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { memberText } from '../../app/common/member.ts';
import { pointsText } from '../common/points-text.ts';
import { StateIcon } from '../common/StateIcon.tsx';
import { shownState } from '../common/shown-state.ts';
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

interface HistoryListProps {
  pages: HistoryPages;
  onOpen: (award: AwardView) => void;
  placeOf?: PlaceOf | undefined;
  /** The award whose detail was just closed: its row takes the focus back (a new object each time). */
  returnFocusTo?: { id: string } | null;
}

export function HistoryList({ pages, onOpen, placeOf, returnFocusTo = null }: HistoryListProps) {
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

  // While the detail hid the list it had no size, and drew no rows: the row is brought into view and takes the focus
  // on the first render that draws it again (the virtualizer keeps one array of drawn rows until they change).
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (returnFocusTo === null) return;
    const index = items.findIndex((award) => award.id === returnFocusTo.id);
    if (index < 0) return;
    pendingFocus.current = returnFocusTo.id;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only a new close moves the focus: a page loading meanwhile must not pull it back to the row.
  }, [returnFocusTo]);
  useEffect(() => {
    const id = pendingFocus.current;
    const row = id === null ? null : scrollRef.current?.querySelector<HTMLElement>(`[data-award-id="${CSS.escape(id)}"]`);
    if (!row) return;
    pendingFocus.current = null;
    row.focus();
  }, [returnFocusTo, virtualRows, items]);

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
  const shown = shownState(award);
  const state = `${t(`state.${shown}`)}${award.claimedAt !== null ? ` · ${t('state.claimed')}` : ''}`;
  return (
    <button type="button" className={`history-row${placeOf ? ' history-row-placed' : ''}`} onClick={() => onOpen(award)} data-testid="history-row" data-award-id={award.id}>
      <span>{formatDateTime(award.createdAt, language)}</span>
      {placeOf && <CutText text={placeOf(award) ?? ''} testId="history-place" />}
      <span className="numeric history-amount">{formatMoney(award.amountSen, language)}</span>
      <CutText text={memberText(award.member) ?? t('member.claimQr')} testId="history-member" />
      <CutText text={cashierText(award.cashier)} testId="history-cashier" />
      <span className={`state state-${shown}`} title={state} data-testid="history-state">
        <StateIcon state={shown} />
        <span className="state-words">{state}</span>
      </span>
      <span className="numeric">{pointsText(award, t, language) ?? ''}</span>
      <CutText text={award.receiptRef ?? ''} testId="history-receipt" />
    </button>
  );
}

/**
 * A column's text, cut with an ellipsis when the column is too narrow (a 19-digit member ID, a long name at 1024 px): the
 * whole of it shows on hover, and in the award's detail. A screen reader hears it whole either way, in the row's name.
 */
function CutText({ text, testId }: { text: string; testId: string }) {
  return (
    <span title={text === '' ? undefined : text} data-testid={testId}>
      {text}
    </span>
  );
}
