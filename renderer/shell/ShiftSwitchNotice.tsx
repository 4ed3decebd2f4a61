// A name picked while another cashier's shift is open: say that it ends that shift, and wait for a yes. (A <select> on
// Windows and Linux changes with the arrow keys alone, so a shift must never end on a stray key.)
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../common/use-language.ts';
import { formatTimeNear } from '../format/locale.ts';
import { useShiftStore } from '../stores/shift-store.ts';
import { useStatusStore } from '../stores/status-store.ts';

export function ShiftSwitchNotice() {
  const { t } = useTranslation();
  const language = useLanguage();
  const next = useShiftStore((state) => state.pendingCashier);
  const open = useStatusStore((state) => state.shift);
  const { confirmSwitch, cancelSwitch } = useShiftStore.getState();
  if (!next || !open) return null;
  const backToPicker = (): void => document.getElementById('cashier-picker')?.focus();
  return (
    <div className="notice-line">
      <div
        className="notice-text notice-text-warn shift-switch"
        role="alertdialog"
        aria-labelledby="shift-switch-question"
        data-testid="shift-switch"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          cancelSwitch();
          backToPicker();
        }}
      >
        <p id="shift-switch-question">{t('shift.switch.question', { current: open.cashier, next, time: formatTimeNear(open.startedAt, Date.now(), language) })}</p>
        <div className="button-row">
          <button type="button" className="button-primary" autoFocus onClick={() => void confirmSwitch().then(backToPicker)} data-testid="shift-switch-confirm">
            {t('shift.switch.confirm', { next })}
          </button>
          <button type="button" className="button-secondary" onClick={() => { cancelSwitch(); backToPicker(); }} data-testid="shift-switch-keep">
            {t('shift.switch.keep', { current: open.cashier })}
          </button>
        </div>
      </div>
    </div>
  );
}
