// A shift's figures as the screens and the printout say them, in the language on screen: the same five on the counter's
// summary and in each row of the manager's list; and its period, on the summary and above the history of its awards.
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../common/use-language.ts';
import { formatDateMinute, formatNumber, formatMoney, formatTimeNear } from '../format/locale.ts';
import type { ShiftSummaryView } from '../types.ts';

export const FIGURE_NAMES = ['awards', 'amount', 'points', 'waiting', 'unknown'] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

export interface ShownFigure {
  name: FigureName;
  label: string;
  value: string;
  /** Beside the value: how many were awarded, or how many awards' points are still Kaunter's estimate. */
  note: string | null;
}

export function useShiftFigures(figures: ShiftSummaryView['figures']): ShownFigure[] {
  const { t } = useTranslation();
  const language = useLanguage();
  const number = (value: number) => formatNumber(value, language);
  return [
    { name: 'awards', label: t('shift.figure.awards'), value: number(figures.awards), note: t('shift.figure.awarded', { count: figures.awardedAwards, shown: number(figures.awardedAwards) }) },
    { name: 'amount', label: t('shift.figure.amount'), value: formatMoney(figures.awardedAmountSen, language), note: null },
    {
      name: 'points',
      label: t('shift.figure.points'),
      value: number(figures.points),
      note: figures.unconfirmed > 0 ? t('history.totals.estimated', { count: figures.unconfirmed, shown: number(figures.unconfirmed) }) : null,
    },
    { name: 'waiting', label: t('shift.figure.waiting'), value: number(figures.waiting), note: null },
    { name: 'unknown', label: t('shift.figure.unknown'), value: number(figures.unknown), note: null },
  ];
}

/** "01/12/2026 09:00 to 17:30", or, while it is open, "From 01/12/2026 09:00, still open". */
export function useShiftPeriod(shift: Pick<ShiftSummaryView, 'startedAt' | 'endedAt'>): string {
  const { t } = useTranslation();
  const language = useLanguage();
  const from = formatDateMinute(shift.startedAt, language);
  if (shift.endedAt === null) return t('shift.period.open', { from });
  return t('shift.period.ended', { from, to: formatTimeNear(shift.endedAt, shift.startedAt, language) });
}
