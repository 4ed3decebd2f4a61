// Totals as a bar chart (a manager would rather look than read): ringgit awarded per day, outlet, terminal or
// cashier, drawn as SVG with each bar's figure in its title and a table for screen readers.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDay, formatMoney } from '../format/locale.ts';
import type { HistoryFilter } from '../types.ts';
import type { TotalsRow } from '../../hub/totals.ts';
import type { HubSession } from './hub-api.ts';
import { useCashierText } from '../common/cashier-text.ts';

const TITLES = { day: 'hub.chart.byDay', outlet: 'hub.chart.byOutlet', terminal: 'hub.chart.byTerminal', cashier: 'hub.chart.byCashier' } as const;
const BAR = 22;
const LABEL_WIDTH = 180;
const WIDTH = 720;

export function TotalsChart({ session, filter, by }: { session: HubSession; filter: HistoryFilter; by: keyof typeof TITLES }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const cashierText = useCashierText();
  // Cashiers as the counter's screens name them (a terminal recorded as one, in this language), days as the shop writes
  // them ("Rab 25/11/2026"); outlets and terminals as they are.
  const label = (key: string) => (by === 'cashier' ? cashierText(key) : by === 'day' ? formatDay(key, language) : key);
  const [rows, setRows] = useState<TotalsRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void session.totals(filter, by).then((result) => {
      if (!current) return;
      if (result.ok) setRows(by === 'day' ? result.value.items.slice(0, 31).reverse() : result.value.items);
      else setProblem(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [session, filter, by]);
  if (!rows) return <Problem message={problem} />;
  const max = Math.max(1, ...rows.map((row) => row.awardedAmountSen));
  const height = rows.length * BAR + 8;
  return (
    <figure className="hub-chart" data-testid={`chart-${by}`}>
      <figcaption>{t(TITLES[by])}</figcaption>
      {rows.length === 0 ? (
        <p className="field-hint">{t('hub.chart.empty')}</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={t(TITLES[by])}>
          {rows.map((row, i) => {
            const width = Math.max(1, Math.round(((WIDTH - LABEL_WIDTH - 90) * row.awardedAmountSen) / max));
            const y = i * BAR + 4;
            return (
              <g key={row.key} data-testid="chart-bar">
                <title>{`${label(row.key)}: ${formatMoney(row.awardedAmountSen, language)}`}</title>
                <text x={LABEL_WIDTH - 8} y={y + BAR / 2 + 4} textAnchor="end" className="hub-chart-label">
                  {label(row.key)}
                </text>
                <rect x={LABEL_WIDTH} y={y + 2} width={width} height={BAR - 6} className="hub-chart-bar" />
                <text x={LABEL_WIDTH + width + 6} y={y + BAR / 2 + 4} className="hub-chart-value">
                  {formatMoney(row.awardedAmountSen, language)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
