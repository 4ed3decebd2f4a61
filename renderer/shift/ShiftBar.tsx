// Under the sale: whose shift it is and since when (a shift carries on across a restart or midnight, so a forgotten
// one shows its date), and the way to end it.
import { LogOut, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatTimeNear } from '../format/locale.ts';
import { useShiftStore } from '../stores/shift-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import './shift.css';

export function ShiftBar() {
  const { t } = useTranslation();
  const language = useLanguage();
  const shift = useStatusStore((state) => state.shift);
  const busy = useShiftStore((state) => state.busy);
  const problem = useShiftStore((state) => state.problem);
  const showSummary = useShiftStore((state) => state.showSummary);
  if (!shift) return null;
  return (
    <section className="shift-bar" aria-label={t('shift.bar.label')} data-testid="shift-bar">
      <p className="shift-bar-who">
        <UserRound aria-hidden="true" size={18} />
        {t('shift.bar.since', { name: shift.cashier, time: formatTimeNear(shift.startedAt, Date.now(), language) })}
      </p>
      <button type="button" className="button-secondary" aria-busy={busy} onClick={() => void showSummary()} data-testid="end-shift">
        <LogOut aria-hidden="true" size={18} />
        {t('shift.bar.end')}
      </button>
      <Problem message={problem} />
    </section>
  );
}
