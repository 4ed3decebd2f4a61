// Totals for the filter, per day and per cashier (the core sums them in SQL: nothing is loaded to count).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { Problem } from '../common/Problem.tsx';
import type { CoreText } from '../common/core-text.ts';
import { useLanguage } from '../common/use-language.ts';
import { formatDay, formatNumber, formatRinggit } from '../format/locale.ts';
import type { Language } from '../i18n/languages.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import type { HistoryFilter, HistoryTotals as Totals } from '../types.ts';

type Row = Totals['byDay'][number] | Totals['byCashier'][number];

export function HistoryTotals({ filter }: { filter: HistoryFilter }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [totals, setTotals] = useState<Totals | null>(null);
  const [problem, setProblem] = useState<CoreText | null>(null);

  useEffect(() => {
    let current = true;
    setTotals(null);
    void kaunter()
      .history.totals({ filter })
      .then((result) => {
        if (!current) return;
        if (result.ok) {
          setTotals(result.value);
          setProblem(null);
        } else {
          noteIfLocked(result.error);
          setProblem(result.error);
        }
      });
    return () => {
      current = false;
    };
  }, [filter]);

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
  return (
    <section className="history-totals" aria-label={t('history.totals.title')} data-testid="history-totals">
      <p className="totals-all" data-testid="totals-all" data-awards={all.awards}>
        {t('history.totals.all', {
          awards: formatNumber(all.awards, language),
          awarded: formatNumber(all.awardedAwards, language),
          amount: formatRinggit(all.awardedAmountSen, language),
          points: formatNumber(all.points, language),
        })}
        {all.unconfirmed > 0 && t('history.totals.estimated', { count: all.unconfirmed, shown: formatNumber(all.unconfirmed, language) })}
      </p>
      <div className="totals-tables">
        <TotalsTable caption={t('history.totals.byDay')} first={t('history.totals.day')} rows={totals.byDay} label={(row) => ('day' in row ? formatDay(row.day, language) : '')} language={language} />
        <TotalsTable caption={t('history.totals.byCashier')} first={t('history.totals.cashier')} rows={totals.byCashier} label={(row) => ('cashier' in row ? row.cashier : '')} language={language} />
      </div>
    </section>
  );
}

interface TotalsTableProps {
  caption: string;
  first: string;
  rows: Row[];
  label: (row: Row) => string;
  language: Language;
}

function TotalsTable({ caption, first, rows, label, language }: TotalsTableProps) {
  const { t } = useTranslation();
  return (
    <table className="totals-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">{t('history.totals.awards')}</th>
          <th scope="col">{t('history.totals.awarded')}</th>
          <th scope="col">{t('history.totals.amount')}</th>
          <th scope="col">{t('history.totals.points')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={label(row)}>
            <th scope="row">{label(row)}</th>
            <td className="numeric">{formatNumber(row.awards, language)}</td>
            <td className="numeric">{formatNumber(row.awardedAwards, language)}</td>
            <td className="numeric">{formatRinggit(row.awardedAmountSen, language)}</td>
            <td className="numeric">{formatNumber(row.points, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
