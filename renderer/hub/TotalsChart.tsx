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
import { dayStartMs, shopDate } from '../../app/common/shop-time.ts';
import { everyDay, MAX_DAYS, type Days } from './chart-days.ts';

const TITLES = { day: 'hub.chart.byDay', outlet: 'hub.chart.byOutlet', terminal: 'hub.chart.byTerminal', cashier: 'hub.chart.byCashier' } as const;
const BAR = 22;
const WIDTH = 720;
/** Room for the figure after the longest bar. */
const VALUE_WIDTH = 90;
/** The labels' column: as wide as the longest label, within these bounds (a longer one is cut, whole on hover). */
const LABEL_WIDTH = { min: 80, max: WIDTH / 2, fallback: 180, gap: 8 };

type Group = keyof typeof TITLES;

export function TotalsChart({ session, filter, by }: { session: HubSession; filter: HistoryFilter; by: Group }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<TotalsRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void session.totals(filter, by).then((result) => {
      if (!current) return;
      if (result.ok) setRows(result.value.items);
      else setProblem(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [session, filter, by]);
  if (!rows) return <Problem message={problem} />;
  const days = by === 'day' && rows.length > 0 ? everyDay(rows, filter, Date.now()) : null;
  return (
    <figure className="hub-chart" data-testid={`chart-${by}`}>
      <figcaption>{t(TITLES[by])}</figcaption>
      {days && <DaysShown days={days} />}
      {rows.length === 0 ? <p className="field-hint">{t('hub.chart.empty')}</p> : <Bars rows={days?.rows ?? rows} by={by} />}
    </figure>
  );
}

function DaysShown({ days }: { days: Days }) {
  const { t } = useTranslation();
  const range = { from: shopDate(dayStartMs(days.first) ?? 0), to: shopDate(dayStartMs(days.last) ?? 0), count: MAX_DAYS };
  return (
    <p className="field-hint" data-testid="chart-days">
      {days.cut ? t('hub.chart.daysCut', range) : t('hub.chart.days', range)}
    </p>
  );
}

function Bars({ rows, by }: { rows: TotalsRow[]; by: Group }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const cashierText = useCashierText();
  // Cashiers as the counter's screens name them (a terminal recorded as one, in this language), days as the shop writes
  // them ("Rab 25/11/2026"); outlets and terminals as they are.
  const label = (key: string) => (by === 'cashier' ? cashierText(key) : by === 'day' ? formatDay(key, language) : key);
  const labels = rows.map((row) => label(row.key));
  const fitted = fitLabels(labels);
  const max = Math.max(1, ...rows.map((row) => row.awardedAmountSen));
  const height = rows.length * BAR + 8;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={t(TITLES[by])}>
      {rows.map((row, i) => {
        const width = Math.max(1, Math.round(((WIDTH - fitted.width - VALUE_WIDTH) * row.awardedAmountSen) / max));
        const y = i * BAR + 4;
        return (
          <g key={row.key} data-testid="chart-bar">
            <title>{`${labels[i]}: ${formatMoney(row.awardedAmountSen, language)}`}</title>
            <text x={fitted.width - LABEL_WIDTH.gap} y={y + BAR / 2 + 4} textAnchor="end" className="hub-chart-label">
              {fitted.texts[i]}
            </text>
            <rect x={fitted.width} y={y + 2} width={width} height={BAR - 6} className="hub-chart-bar" />
            <text x={fitted.width + width + 6} y={y + BAR / 2 + 4} className="hub-chart-value">
              {formatMoney(row.awardedAmountSen, language)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The labels' column as wide as its longest label (measured in the labels' own font: 12 of the chart's units), and
 * each label cut at its end with "…" where even the widest column is too narrow. The bar's title holds the whole name.
 */
function fitLabels(labels: readonly string[]): { width: number; texts: string[] } {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return { width: LABEL_WIDTH.fallback, texts: [...labels] };
  context.font = `12px ${getComputedStyle(document.body).fontFamily}`;
  const measure = (text: string) => context.measureText(text).width;
  const widest = Math.max(0, ...labels.map(measure)) + LABEL_WIDTH.gap * 2;
  const width = Math.ceil(Math.min(LABEL_WIDTH.max, Math.max(LABEL_WIDTH.min, widest)));
  const room = width - LABEL_WIDTH.gap * 2;
  return { width, texts: labels.map((text) => (measure(text) <= room ? text : cut(text, room, measure))) };
}

function cut(text: string, room: number, measure: (text: string) => number): string {
  const characters = [...text];
  while (characters.length > 1 && measure(`${characters.join('').trimEnd()}…`) > room) characters.pop();
  return `${characters.join('').trimEnd()}…`;
}
