import { UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useStatusStore } from '../stores/status-store.ts';

/** Who is at the counter this shift: every award records its cashier, and a new day asks again. */
export function CashierPicker() {
  const { t } = useTranslation();
  const cashiers = useStatusStore((state) => state.settings?.cashiers ?? []);
  const current = useStatusStore((state) => state.settings?.currentCashier ?? null);
  const chooseCashier = useStatusStore((state) => state.chooseCashier);
  return (
    <label className={current === null ? 'cashier-picker cashier-picker-empty' : 'cashier-picker'}>
      <UserRound aria-hidden="true" size={20} />
      <span className="visually-hidden">{t('shell.cashier')}</span>
      <select value={current ?? ''} onChange={(event) => event.target.value && void chooseCashier(event.target.value)} aria-invalid={current === null} data-testid="cashier">
        {current === null && (
          <option value="" disabled>
            {t('shell.chooseCashier')}
          </option>
        )}
        {cashiers.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
