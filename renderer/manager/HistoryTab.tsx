import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { ExportButton } from '../common/ExportButton.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatTimeNear } from '../format/locale.ts';
import { useShiftPeriod } from '../shift/shift-figures.ts';
import { useNavStore } from '../stores/nav-store.ts';
import type { HistoryFilter, ShiftSummaryView } from '../types.ts';
import { AwardDetail } from './AwardDetail.tsx';
import { HistoryFilters } from './HistoryFilters.tsx';
import { HistoryList, type PlaceOf } from './HistoryList.tsx';
import { HistoryTotals, TotalsLine, useHistoryTotals } from './HistoryTotals.tsx';
import { RefusedNews, type RefusedShown } from './RefusedNews.tsx';
import { useHistoryPages } from './use-history-pages.ts';
import '../shift/shift.css';

/**
 * The outbox history: filters, the totals' line beside the CSV export, the virtualised list, then the totals' charts and
 * tables; a row opens the award's detail in their place (Back or Esc returns to them as they were, with the focus on the
 * row that was opened). A shift chosen in Shifts narrows it to that shift's awards
 * until the manager shows all; meanwhile the filters refine within the shift (its cashier and times stay the shift's).
 * While the counter shows awards RM refused after their sale, a line at the top says so and can list exactly them (the
 * filters then refine within them, as within a shift, until the manager shows all) or mark them seen. At head office
 * `placeOf` names each award's outlet and terminal, and `place` is the outlet and terminal chosen above the tab: a new one
 * loads the list again within what the manager typed, which stays.
 */
export function HistoryTab({ placeOf, place }: { placeOf?: PlaceOf; place?: { outlet?: string; terminal?: string } }) {
  // What the manager typed, and within which shift: a filter typed within one shift is not carried to the next. Or
  // within the refused awards the counter told of, until the manager shows all.
  const [typed, setTyped] = useState<{ shiftId: number | null; filter: HistoryFilter; refused?: RefusedShown }>({ shiftId: null, filter: {} });
  // A new, empty form as the refused awards' list comes and goes: the one on screen may hold what was typed before.
  const [formsShown, setFormsShown] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  // A new object at each close, so that closing the same award's detail twice gives its row the focus twice.
  const [closed, setClosed] = useState<{ id: string } | null>(null);
  const shift = useNavStore((state) => state.historyShift);
  const clearShift = useNavStore((state) => state.clearHistoryShift);
  const shiftId = shift?.id ?? null;
  const refused = typed.shiftId === shiftId ? typed.refused : undefined;
  // One object while nothing changes: the pages and totals load again whenever the filter is a new one.
  const filter = useMemo(() => {
    const refinement = { ...(typed.shiftId === shiftId ? typed.filter : {}), ...place };
    if (shift) return { ...refinement, ...shift.historyFilter };
    return refused ? { ...refinement, refusedNews: refused.news } : refinement;
  }, [typed, shift, shiftId, refused, place]);
  const pages = useHistoryPages(filter);
  const totals = useHistoryTotals(filter);
  const showRefused = (shown: RefusedShown): void => {
    clearShift();
    setTyped({ shiftId: null, filter: {}, refused: shown });
    setFormsShown((forms) => forms + 1);
  };
  const showAll = (): void => {
    setTyped({ shiftId, filter: {} });
    setFormsShown((forms) => forms + 1);
  };
  return (
    <>
      {openId && (
        <AwardDetail
          awardId={openId}
          onClose={() => {
            setClosed({ id: openId });
            setOpenId(null);
          }}
        />
      )}
      <div className="history" hidden={openId !== null}>
        <RefusedNews onShow={showRefused} listed={refused} />
        {refused && <RefusedScope madeSinceMs={refused.madeSinceMs} onClear={showAll} />}
        {shift && (
          <ShiftScope
            shift={shift}
            onClear={() => {
              clearShift();
              setTyped({ shiftId: null, filter: {} });
            }}
          />
        )}
        <HistoryFilters
          key={shift ? `shift-${shift.id}` : `typed-${formsShown}`}
          withinShift={shift !== null}
          withinRefused={refused !== undefined}
          onApply={(next) => setTyped({ shiftId, filter: next, ...(refused ? { refused } : {}) })}
        />
        <div className="history-summary">
          <TotalsLine totals={totals.answer} problem={totals.problem} />
          <ExportButton save={() => kaunter().history.exportCsv({ filter })} />
        </div>
        <HistoryList pages={pages} onOpen={(award) => setOpenId(award.id)} placeOf={placeOf} returnFocusTo={closed} />
        {totals.answer && <HistoryTotals totals={totals.answer} />}
      </div>
    </>
  );
}

function ShiftScope({ shift, onClear }: { shift: ShiftSummaryView; onClear: () => void }) {
  const { t } = useTranslation();
  const period = useShiftPeriod(shift);
  return <Scope name="shift" label={t('shift.scope.label', { name: shift.cashier, period })} onClear={onClear} />;
}

function RefusedScope({ madeSinceMs, onClear }: { madeSinceMs: number; onClear: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return <Scope name="refused" label={t('history.refusedNews.scope', { since: formatTimeNear(madeSinceMs, Date.now(), language) })} onClear={onClear} />;
}

/** What the list is narrowed to, and the way back to every award. */
function Scope({ name, label, onClear }: { name: string; label: string; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="notice history-scope" data-testid={`history-${name}-scope`}>
      <span>{label}</span>
      <button type="button" className="button-secondary" onClick={onClear} data-testid={`history-${name}-clear`}>
        {t('shift.scope.clear')}
      </button>
    </p>
  );
}
