import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NameSelect } from '../common/NameSelect.tsx';
import { useStatusStore } from '../stores/status-store.ts';
import type { AwardState, HistoryFilter } from '../types.ts';
import { AWARD_STATE_NAMES, buildFilter, EMPTY_FILTER_FORM, type FilterForm, type FilterProblem } from './history-filter.ts';
import { useCashierText } from '../common/cashier-text.ts';

interface HistoryFiltersProps {
  onApply: (filter: HistoryFilter) => void;
  /** Only the days and the cashier (the list of shifts), under this name and hint. */
  period?: { title: string; hint: string };
  /** The list is one shift's: its days and cashier are the shift's, so only the rest can be chosen. */
  withinShift?: boolean;
  /**
   * The list is the counter's refused news: they are refused, and only those the news counted, so no state is offered
   * (a ticked Refused would claim every refused award; the scope line above says which these are).
   */
  withinRefused?: boolean;
}

/** Dates, states, cashier, member (ID or last phone digits) and receipt; applied with Enter or the button. */
export function HistoryFilters({ onApply, period, withinShift = false, withinRefused = false }: HistoryFiltersProps) {
  const { t } = useTranslation();
  // At head office the list is every cashier column the hub holds, a terminal recorded as one among them.
  const cashiers = useStatusStore((state) => state.settings?.cashiers ?? []);
  const cashierText = useCashierText();
  const [form, setForm] = useState<FilterForm>(EMPTY_FILTER_FORM);
  const [problem, setProblem] = useState<FilterProblem | null>(null);
  const change = (patch: Partial<FilterForm>): void => setForm((current) => ({ ...current, ...patch }));
  const toggleState = (state: AwardState): void =>
    change({ states: form.states.includes(state) ? form.states.filter((s) => s !== state) : [...form.states, state] });

  return (
    <form
      className="history-filters"
      aria-label={period?.title ?? t('history.filter.title')}
      aria-describedby={period ? 'filter-period-hint' : undefined}
      onSubmit={(event) => {
        event.preventDefault();
        const built = buildFilter(form);
        setProblem(built.ok ? null : built.problem);
        if (built.ok) onApply(built.filter);
      }}
    >
      {!withinShift && (
        <>
          <label>
            <span>{t('history.filter.from')}</span>
            <input inputMode="numeric" placeholder={t('history.filter.datePlaceholder')} maxLength={10} value={form.fromDay} onChange={(event) => change({ fromDay: event.target.value })} data-testid="filter-from" />
          </label>
          <label>
            <span>{t('history.filter.to')}</span>
            <input inputMode="numeric" placeholder={t('history.filter.datePlaceholder')} maxLength={10} value={form.toDay} onChange={(event) => change({ toDay: event.target.value })} data-testid="filter-to" />
          </label>
          <NameSelect
            label={t('history.filter.cashier')}
            names={cashiers}
            value={form.cashier}
            onChange={(cashier) => change({ cashier })}
            empty={{ label: t('history.filter.anyCashier') }}
            testId="filter-cashier"
            nameText={cashierText}
          />
        </>
      )}
      {!period && (
        <>
          <label>
            <span>{t('history.filter.member')}</span>
            <input className="input-member" value={form.member} maxLength={64} onChange={(event) => change({ member: event.target.value })} data-testid="filter-member" />
          </label>
          <label>
            <span>{t('history.filter.receipt')}</span>
            <input value={form.receipt} maxLength={64} onChange={(event) => change({ receipt: event.target.value })} data-testid="filter-receipt" />
          </label>
          {!withinRefused && (
            <fieldset className="filter-states" data-testid="filter-states">
              <legend>{t('history.filter.states')}</legend>
              {AWARD_STATE_NAMES.map((state) => (
                <label key={state} className="check">
                  <input type="checkbox" checked={form.states.includes(state)} onChange={() => toggleState(state)} />
                  <span>{t(`state.${state}`)}</span>
                </label>
              ))}
            </fieldset>
          )}
        </>
      )}
      <div className="button-row">
        <button type="submit" className="button-primary" data-testid="filter-apply">
          {t('history.filter.apply')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setForm(EMPTY_FILTER_FORM);
            setProblem(null);
            onApply({});
          }}
        >
          {t('history.filter.reset')}
        </button>
      </div>
      {period && (
        <p className="field-hint" id="filter-period-hint">
          {period.hint}
        </p>
      )}
      {problem && (
        <p className="problem" role="alert">
          {t(`history.filter.problem.${problem}`)}
        </p>
      )}
    </form>
  );
}
