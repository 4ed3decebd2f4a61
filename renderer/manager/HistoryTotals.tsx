// Totals for the filter, per day and per cashier (the core sums them in SQL: nothing is loaded to count). The line for
// the whole goes above the list and the charts with their tables below it: at 1024x768 a manager opening History sees
// the month's figure and the first awards without scrolling (the charts above the list pushed it below the fold).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import type { CoreText } from '../common/core-text.ts';
import { Problem } from '../common/Problem.tsx';
import { useCashierText } from '../common/cashier-text.ts';
import { useLanguage } from '../common/use-language.ts';
import { formatDay, formatNumber, formatMoney } from '../format/locale.ts';
import type { HistoryFilter, HistoryTotals as Totals } from '../types.ts';
import { TotalsPanel } from './TotalsPanel.tsx';
import { useManagerAnswer } from './use-manager-answer.ts';

/**
 * The chart draws a whole month day by day, which a manager filtering the month expects; a longer range charts its
 * newest days and says so (the table has them all).
 */
const CHART_DAYS = 31;

export function useHistoryTotals(filter: HistoryFilter): { answer: Totals | null; problem: CoreText | null } {
  return useManagerAnswer(filter, (asked) => kaunter().history.totals({ filter: asked }));
}

function wholeOf(totals: Totals) {
  return totals.byDay.reduce(
    (sum, row) => ({
      awards: sum.awards + row.awards,
      awardedAwards: sum.awardedAwards + row.awardedAwards,
      awardedAmountSen: sum.awardedAmountSen + row.awardedAmountSen,
      points: sum.points + row.points,
      unconfirmed: sum.unconfirmed + row.unconfirmed,
      unclaimedQrs: sum.unclaimedQrs + row.unclaimedQrs,
      unclaimedQrAmountSen: sum.unclaimedQrAmountSen + row.unclaimedQrAmountSen,
      unclaimedQrPoints: sum.unclaimedQrPoints + row.unclaimedQrPoints,
    }),
    { awards: 0, awardedAwards: 0, awardedAmountSen: 0, points: 0, unconfirmed: 0, unclaimedQrs: 0, unclaimedQrAmountSen: 0, unclaimedQrPoints: 0 },
  );
}

/**
 * The whole in one line: awards, those whose points were given, their amount and points, how many are still estimates,
 * and apart, the claim QRs Kaunter has not seen claimed (not given, and not known to be lost either).
 */
export function TotalsLine({ totals, problem }: { totals: Totals | null; problem: CoreText | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!totals) return <Problem message={problem} />;
  const all = wholeOf(totals);
  return (
    <p className="totals-all" data-testid="totals-all" data-awards={all.awards}>
      {t('history.totals.allAwards', { count: all.awards, shown: formatNumber(all.awards, language) })}
      {t('history.totals.allAwarded', {
        count: all.points,
        shown: formatNumber(all.points, language),
        awarded: formatNumber(all.awardedAwards, language),
        amount: formatMoney(all.awardedAmountSen, language),
      })}
      {all.unconfirmed > 0 && t('history.totals.estimated', { count: all.unconfirmed, shown: formatNumber(all.unconfirmed, language) })}
      {all.unclaimedQrs > 0 &&
        t('history.totals.allUnclaimed', {
          count: all.unclaimedQrs,
          shown: formatNumber(all.unclaimedQrs, language),
          amount: formatMoney(all.unclaimedQrAmountSen, language),
          // Its own plural: the sentence's count is the QRs, and two QRs may hold 1 point in all.
          points: t('history.totals.unclaimedPoints', { count: all.unclaimedQrPoints, shown: formatNumber(all.unclaimedQrPoints, language) }),
        })}
    </p>
  );
}

/** Each cut as a chart beside its table, and what "est." means while some points are estimates. */
export function HistoryTotals({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const cashierText = useCashierText();
  const legendId = useId();
  const unclaimedLegendId = useId();
  const all = wholeOf(totals);
  // A screen reader in a table hears what "est." and "+… QR" mean with it, not only a reader who gets to the lines below.
  const describedBy = [all.unconfirmed > 0 ? legendId : '', all.unclaimedQrs > 0 ? unclaimedLegendId : ''].filter(Boolean).join(' ') || undefined;
  const days = totals.byDay.length;
  const byDay = days > CHART_DAYS ? t('history.totals.byDayNewest', { shown: formatNumber(CHART_DAYS, language), total: formatNumber(days, language) }) : t('history.totals.byDay');
  return (
    <section className="history-totals" aria-label={t('history.totals.title')} data-testid="history-totals">
      <div className="totals-panels">
        <TotalsPanel caption={byDay} first={t('history.totals.day')} rows={[...totals.byDay].slice(0, CHART_DAYS).reverse()} tableRows={totals.byDay} label={(row) => ('day' in row ? formatDay(row.day, language) : '')} language={language} describedBy={describedBy} testId="chart-by-day" />
        <TotalsPanel caption={t('history.totals.byCashier')} first={t('history.totals.cashier')} rows={totals.byCashier} tableRows={totals.byCashier} label={(row) => ('cashier' in row ? cashierText(row.cashier) : '')} language={language} describedBy={describedBy} testId="chart-by-cashier" />
      </div>
      {all.unconfirmed > 0 && (
        <p className="field-hint" id={legendId} data-testid="estimate-legend">
          {t('history.totals.estimateLegend')}
        </p>
      )}
      {all.unclaimedQrs > 0 && (
        <p className="field-hint" id={unclaimedLegendId} data-testid="unclaimed-legend">
          {t('history.totals.unclaimedLegend')}
        </p>
      )}
    </section>
  );
}
