// The shifts, for a manager: who, from when to when (or still open), and the same figures the cashier saw at the end,
// filtered by the days they started and by cashier; a shift's Awards opens the history of just its awards.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { ExportButton } from '../common/ExportButton.tsx';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDateMinute, formatNumber, formatTimeNear } from '../format/locale.ts';
import { useNavStore } from '../stores/nav-store.ts';
import { FIGURE_NAMES, useShiftFigures } from '../shift/shift-figures.ts';
import type { ShiftFilter, ShiftSummaryView } from '../types.ts';
import { HistoryFilters } from './HistoryFilters.tsx';
import { useManagerAnswer } from './use-manager-answer.ts';
import '../shift/shift.css';

/** The newest this many; older ones by narrowing the days. */
const SHOWN = 100;

export function ShiftsTab() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [filter, setFilter] = useState<ShiftFilter>({});
  const { answer: list, problem } = useManagerAnswer(filter, (asked) => kaunter().shift.list({ filter: asked, limit: SHOWN }));

  return (
    <div className="shifts">
      <HistoryFilters
        period={{ title: t('shift.list.filterTitle'), hint: t('shift.list.filterHint') }}
        onApply={({ fromMs, toMs, cashier }) => setFilter({ ...(fromMs === undefined ? {} : { fromMs }), ...(toMs === undefined ? {} : { toMs }), ...(cashier ? { cashier } : {}) })}
      />
      <div className="history-tools">
        <ExportButton save={() => kaunter().shift.exportListCsv({ filter })} testId="shifts-export" />
      </div>
      <Problem message={problem} />
      {list && list.items.length === 0 && <p className="field-hint">{t('shift.list.empty')}</p>}
      {list && list.items.length > 0 && <ShiftTable shifts={list.items} />}
      {list?.more && <p className="field-hint">{t('shift.list.more', { shown: formatNumber(SHOWN, language) })}</p>}
    </div>
  );
}

function ShiftTable({ shifts }: { shifts: ShiftSummaryView[] }) {
  const { t } = useTranslation();
  return (
    <div className="shift-table-wrap">
      <table className="shift-table" data-testid="shift-table">
        <caption className="visually-hidden">{t('shift.list.listLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shift.list.cashier')}</th>
            <th scope="col">{t('shift.list.started')}</th>
            <th scope="col">{t('shift.list.ended')}</th>
            {FIGURE_NAMES.map((name) => (
              <th key={name} scope="col" className="numeric">
                {t(`shift.figure.${name}`)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('shift.list.showAwards')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shifts.map((shift) => (
            <ShiftRow key={shift.id} shift={shift} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ShiftRow({ shift }: { shift: ShiftSummaryView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const figures = useShiftFigures(shift.figures);
  const showShiftAwards = useNavStore((state) => state.showShiftAwards);
  const started = formatDateMinute(shift.startedAt, language);
  return (
    <tr data-testid="shift-row" data-shift={shift.id}>
      <th scope="row">{shift.cashier}</th>
      <td>{started}</td>
      <td>{shift.endedAt === null ? <span className="badge">{t('shift.list.open')}</span> : formatTimeNear(shift.endedAt, shift.startedAt, language)}</td>
      {figures.map(({ name, value, note, estimate }) => (
        <td key={name} className="numeric" data-figure={name}>
          {value}
          {estimate && <span className="estimate-mark"> {t('history.totals.rowEstimated')}</span>}
          {note && <span className="shift-figure-note">{note}</span>}
        </td>
      ))}
      <td>
        <button
          type="button"
          className="button-secondary button-small"
          aria-label={t('shift.list.showAwardsLabel', { name: shift.cashier, time: started })}
          onClick={() => showShiftAwards(shift)}
          data-testid="shift-show-awards"
        >
          {t('shift.list.showAwards')}
        </button>
      </td>
    </tr>
  );
}
