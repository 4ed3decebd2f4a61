import { Monitor, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { NameSelect } from '../common/NameSelect.tsx';
import { useShiftStore } from '../stores/shift-store.ts';
import { useStatusStore } from '../stores/status-store.ts';

/**
 * Who is at the counter: picking a name starts that cashier's shift (another's open shift asks first, below). A shop
 * without a cashier list has no one to pick: its awards are the terminal's, and the header says so.
 */
export function CashierPicker() {
  const { t } = useTranslation();
  const cashiers = useStatusStore((state) => state.settings?.cashiers ?? []);
  const current = useStatusStore((state) => state.shift?.cashier ?? null);
  const pick = useShiftStore((state) => state.pick);
  const terminalName = useStatusStore((state) => state.settings?.terminalName ?? '');
  // A manager may take the cashier whose shift is open off the list: the header still names who the awards go to.
  const names = current !== null && !cashiers.includes(current) ? [current, ...cashiers] : cashiers;
  if (names.length === 0) {
    return (
      <span className="cashier-picker cashier-terminal" title={t('shell.terminalAsCashierHint')} data-testid="cashier-terminal">
        <Monitor aria-hidden="true" size={20} />
        {t('shell.terminalAsCashier', { name: terminalName || 'Kaunter' })}
      </span>
    );
  }
  return (
    <label className={current === null ? 'cashier-picker cashier-picker-empty' : 'cashier-picker'}>
      <UserRound aria-hidden="true" size={20} />
      <span className="visually-hidden">{t('shell.cashier')}</span>
      <NameSelect
        id="cashier-picker"
        names={names}
        value={current ?? ''}
        onChange={(name) => name && void pick(name)}
        empty={current === null ? { label: t('shell.chooseCashier'), disabled: true } : undefined}
        invalid={current === null}
        testId="cashier"
      />
    </label>
  );
}
