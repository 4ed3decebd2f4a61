// The sale amount in ringgit: autofocus, numeric keypad friendly, Enter moves on. A keyboard-mode scan typed here is
// taken back out (data-accepts-scans) and read as a member or receipt.
import { useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../common/use-language.ts';
import { parseRinggit, type AmountProblem } from '../../app/common/money.ts';
import { formatMoney } from '../format/locale.ts';
import { useSaleStore } from '../stores/sale-store.ts';

/** Shown while typing; "empty" and "zero" wait for Enter (the cashier may be half way through). */
const LIVE_PROBLEMS: readonly AmountProblem[] = ['format', 'decimals', 'tooLarge'];

export function AmountField({ inputRef, onEnter }: { inputRef: RefObject<HTMLInputElement | null>; onEnter: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const amountText = useSaleStore((state) => state.amountText);
  const setAmountText = useSaleStore((state) => state.setAmountText);
  const saleId = useSaleStore((state) => state.saleId);
  // Enter was pressed on this sale's current text: only then are "empty" and "zero" worth saying.
  const [enteredFor, setEnteredFor] = useState<string | null>(null);
  const entered = enteredFor === `${saleId}:${amountText}`;
  const parsed = parseRinggit(amountText);
  const problem = parsed.ok ? null : parsed.problem;
  const showProblem = problem !== null && (entered || LIVE_PROBLEMS.includes(problem));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    setEnteredFor(`${saleId}:${amountText}`);
    if (parsed.ok) onEnter();
  };

  return (
    <div className="field field-amount">
      <label htmlFor="amount">{t('counter.amount.label')}</label>
      <div className="amount-input">
        <span className="amount-currency" aria-hidden="true">
          {t('counter.amount.currency')}
        </span>
        <input
          id="amount"
          ref={inputRef}
          autoFocus
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          maxLength={16}
          data-accepts-scans=""
          data-scan-field="amount"
          value={amountText}
          aria-invalid={showProblem}
          aria-describedby={showProblem ? 'amount-problem' : 'amount-shown'}
          onChange={(event) => setAmountText(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      {showProblem && problem !== null ? (
        <p className="problem" role="alert" id="amount-problem">
          {t(`counter.amount.problem.${problem}`)}
        </p>
      ) : (
        <p className="field-hint" id="amount-shown" data-testid="amount-shown">
          {parsed.ok ? formatMoney(parsed.sen, language) : t('counter.amount.hint')}
        </p>
      )}
    </div>
  );
}
