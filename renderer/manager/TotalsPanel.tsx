// One way of cutting the totals (by day, by cashier): a chart for the eye beside the table that holds its numbers.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatMoney } from '../format/locale.ts';
import type { Language } from '../i18n/languages.ts';
import type { HistoryTotals as Totals } from '../types.ts';
import { TotalsChart } from './TotalsChart.tsx';

export type TotalsRow = Totals['byDay'][number] | Totals['byCashier'][number];

/** The brand teal for awards, the amber for points: apart for colour-blind eyes too, and named in the legend. */
const AWARDS_COLOUR = '#0f766e';
const POINTS_COLOUR = '#d97706';

interface TotalsPanelProps {
  caption: string;
  first: string;
  /** What the chart shows, oldest first. */
  rows: TotalsRow[];
  tableRows: TotalsRow[];
  label: (row: TotalsRow) => string;
  language: Language;
  /** The id of the line that says what "est." means, while some points are estimates. */
  describedBy: string | undefined;
  testId: string;
}

/**
 * The table is as long as its rows: it sits in the page below the list, so the page's own scroll reads it (a box of its
 * own within the page showed a few cashiers at a time, found in review at 1024x768).
 */
export function TotalsPanel({ caption, first, rows, tableRows, label, language, describedBy, testId }: TotalsPanelProps) {
  const { t } = useTranslation();
  const labels = useMemo(() => rows.map(label), [rows, label]);
  const awards = useMemo(() => ({ label: t('history.totals.awarded'), values: rows.map((row) => row.awardedAwards), colour: AWARDS_COLOUR }), [rows, t]);
  const points = useMemo(() => ({ label: t('history.totals.points'), values: rows.map((row) => row.points), colour: POINTS_COLOUR }), [rows, t]);
  return (
    <div className="totals-panel card">
      <h3>{caption}</h3>
      {rows.length > 0 && <TotalsChart labels={labels} awards={awards} points={points} summary={t('history.totals.chartSummary', { what: caption })} testId={testId} />}
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
                {row.unclaimedQrs > 0 && <span className="unclaimed-mark"> {t('history.totals.rowUnclaimed', { points: formatNumber(row.unclaimedQrPoints, language) })}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
