// A shift's figures as the screens and the printout say them, in the language on screen: the same five on the counter's
// summary and in each row of the manager's list; and its period, on the summary and above the history of its awards.
import type { TFunction } from 'i18next';
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
  /** Beside the value: what the awards came to, or what more sits on claim QRs not seen claimed. */
  note: string | null;
  /** How many awards' points are still Kaunter's estimate, when some are (a table marks it "est." instead). */
  estimate: string | null;
}

/**
 * Points on a claim QR Kaunter has not seen claimed are not given (nobody may have scanned it) and not lost (its watch
 * stops, RM may not say): they are said apart, beside the amount and the points given. Awards refused, voided (a claim
 * QR that could not be made offline) or cancelled are said as not given, so the cashier's count of customers adds up.
 */
export function useShiftFigures(figures: ShiftSummaryView['figures']): ShownFigure[] {
  const { t } = useTranslation();
  const language = useLanguage();
  const number = (value: number) => formatNumber(value, language);
  const qrs = { count: figures.unclaimedQrs, shown: number(figures.unclaimedQrs) };
  const unclaimed = figures.unclaimedQrs > 0;
  return [
    { name: 'awards', label: t('shift.figure.awards'), value: number(figures.awards), note: awardsNote(figures, t, number), estimate: null },
    {
      name: 'amount',
      label: t('shift.figure.amount'),
      value: formatMoney(figures.awardedAmountSen, language),
      note: unclaimed ? t('shift.figure.unclaimedAmount', { ...qrs, amount: formatMoney(figures.unclaimedQrAmountSen, language) }) : null,
      estimate: null,
    },
    {
      name: 'points',
      label: t('shift.figure.points'),
      value: number(figures.points),
      note: unclaimed ? t('shift.figure.unclaimedPoints', { ...qrs, points: number(figures.unclaimedQrPoints) }) : null,
      estimate: figures.unconfirmed > 0 ? t('history.totals.estimated', { count: figures.unconfirmed, shown: number(figures.unconfirmed) }) : null,
    },
    { name: 'waiting', label: t('shift.figure.waiting'), value: number(figures.waiting), note: null, estimate: null },
    { name: 'unknown', label: t('shift.figure.unknown'), value: number(figures.unknown), note: null, estimate: null },
  ];
}

/** " (5 awarded, 1 claim QR not seen claimed, 1 not given)": the parts that are not none, awarded always. */
function awardsNote(figures: ShiftSummaryView['figures'], t: TFunction, number: (value: number) => string): string {
  const part = (key: 'shift.figure.awarded' | 'shift.figure.unclaimedQrs' | 'shift.figure.notGiven', count: number) => t(key, { count, shown: number(count) });
  const parts = [
    part('shift.figure.awarded', figures.awardedAwards),
    figures.unclaimedQrs > 0 ? part('shift.figure.unclaimedQrs', figures.unclaimedQrs) : null,
    figures.notGiven > 0 ? part('shift.figure.notGiven', figures.notGiven) : null,
  ];
  return t('shift.figure.awardsParts', { parts: parts.filter((text) => text !== null).join(t('shift.figure.partsSeparator')) });
}

/** "01/12/2026 09:00 to 17:30", or, while it is open, "From 01/12/2026 09:00, still open". */
export function useShiftPeriod(shift: Pick<ShiftSummaryView, 'startedAt' | 'endedAt'>): string {
  const { t } = useTranslation();
  const language = useLanguage();
  const from = formatDateMinute(shift.startedAt, language);
  if (shift.endedAt === null) return t('shift.period.open', { from });
  return t('shift.period.ended', { from, to: formatTimeNear(shift.endedAt, shift.startedAt, language) });
}
