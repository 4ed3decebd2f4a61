// Totals for the filter, per day and per cashier (the core sums them in SQL: nothing is loaded to count): a line for
// the whole, then each as a chart beside its table.
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDay, formatNumber, formatMoney } from '../format/locale.ts';
import type { Language } from '../i18n/languages.ts';
import type { HistoryFilter, HistoryTotals as Totals } from '../types.ts';
import { TotalsChart } from './TotalsChart.tsx';
import { useManagerAnswer } from './use-manager-answer.ts';
import { useCashierText } from '../common/cashier-text.ts';

type Row = Totals['byDay'][number] | Totals['byCashier'][number];

/** The brand teal for awards, the amber for points: apart for colour-blind eyes too, and named in the legend. */
const AWARDS_COLOUR = '#0f766e';
const POINTS_COLOUR = '#d97706';
/** The chart shows the latest days; the table has them all. */
const CHART_DAYS = 14;

export function HistoryTotals({ filter }: { filter: HistoryFilter }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const cashierText = useCashierText();
  const { answer: totals, problem } = useManagerAnswer(filter, (asked) => kaunter().history.totals({ filter: asked }));
  const legendId = useId();

  if (!totals) return <Problem message={problem} />;
  const all = totals.byDay.reduce(
    (sum, row) => ({
      awards: sum.awards + row.awards,
      awardedAwards: sum.awardedAwards + row.awardedAwards,
      awardedAmountSen: sum.awardedAmountSen + row.awardedAmountSen,
      points: sum.points + row.points,
      unconfirmed: sum.unconfirmed + row.unconfirmed,
    }),
    { awards: 0, awardedAwards: 0, awardedAmountSen: 0, points: 0, unconfirmed: 0 },
  );
  // A screen reader in a table hears what "est." means with it, not only a reader who gets to the line below.
  const describedBy = all.unconfirmed > 0 ? legendId : undefined;
  return (
    <section className="history-totals" aria-label={t('history.totals.title')} data-testid="history-totals">
      <p className="totals-all" data-testid="totals-all" data-awards={all.awards}>
        {t('history.totals.allAwards', { count: all.awards, shown: formatNumber(all.awards, language) })}
        {t('history.totals.allAwarded', {
          count: all.points,
          shown: formatNumber(all.points, language),
          awarded: formatNumber(all.awardedAwards, language),
          amount: formatMoney(all.awardedAmountSen, language),
        })}
        {all.unconfirmed > 0 && t('history.totals.estimated', { count: all.unconfirmed, shown: formatNumber(all.unconfirmed, language) })}
      </p>
      <div className="totals-panels">
        <TotalsPanel caption={t('history.totals.byDay')} first={t('history.totals.day')} rows={[...totals.byDay].slice(0, CHART_DAYS).reverse()} tableRows={totals.byDay} label={(row) => ('day' in row ? formatDay(row.day, language) : '')} language={language} describedBy={describedBy} testId="chart-by-day" />
        <TotalsPanel caption={t('history.totals.byCashier')} first={t('history.totals.cashier')} rows={totals.byCashier} tableRows={totals.byCashier} label={(row) => ('cashier' in row ? cashierText(row.cashier) : '')} language={language} describedBy={describedBy} testId="chart-by-cashier" />
      </div>
      {all.unconfirmed > 0 && (
        <p className="field-hint" id={legendId} data-testid="estimate-legend">
          {t('history.totals.estimateLegend')}
        </p>
      )}
    </section>
  );
}

interface TotalsPanelProps {
  caption: string;
  first: string;
  /** What the chart shows, oldest first. */
  rows: Row[];
  tableRows: Row[];
  label: (row: Row) => string;
  language: Language;
  /** The id of the line that says what "est." means, while some points are estimates. */
  describedBy: string | undefined;
  testId: string;
}

function TotalsPanel({ caption, first, rows, tableRows, label, language, describedBy, testId }: TotalsPanelProps) {
  const { t } = useTranslation();
  const labels = useMemo(() => rows.map(label), [rows, label]);
  const awards = useMemo(() => ({ label: t('history.totals.awarded'), values: rows.map((row) => row.awardedAwards), colour: AWARDS_COLOUR }), [rows, t]);
  const points = useMemo(() => ({ label: t('history.totals.points'), values: rows.map((row) => row.points), colour: POINTS_COLOUR }), [rows, t]);
  const titleId = useId();
  return (
    <div className="totals-panel card">
      <h3 id={titleId}>{caption}</h3>
      {rows.length > 0 && <TotalsChart labels={labels} awards={awards} points={points} summary={t('history.totals.chartSummary', { what: caption })} testId={testId} />}
      {/* Focusable so that a keyboard can scroll it too. */}
      <div className="totals-table-wrap" tabIndex={0} role="region" aria-labelledby={titleId}>
        <table className="totals-table" aria-describedby={describedBy}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              {(['awards', 'awarded', 'amount', 'points'] as const).map((column) => (
                <th key={column} scope="col" className="numeric">
                  {t(`history.totals.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tableRows.map((row) => (
              <tr key={label(row)}>
                <th scope="row">{label(row)}</th>
                <td className="numeric">{formatNumber(row.awards, language)}</td>
                <td className="numeric">{formatNumber(row.awardedAwards, language)}</td>
                <td className="numeric">{formatMoney(row.awardedAmountSen, language)}</td>
                <td className="numeric">
                  {formatNumber(row.points, language)}
                  {row.unconfirmed > 0 && <span className="estimate-mark"> {t('history.totals.rowEstimated')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
