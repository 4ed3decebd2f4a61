// The one confirm of a sale. The store refuses a second submit of the same sale, so a double click or a second Enter
// does nothing; the button also says so by going busy. A receipt that already earned points today, here or at another
// counter, is refused by the core; as soon as the cashier is told so (under the field, or by that refusal) Confirm is
// held, so the big button never looks ready only to be refused, and a second button awards again on purpose (never with
// Enter alone: Enter in the receipt field only moves to the held Confirm).
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatNumber } from '../format/locale.ts';
import { amountSenOf, canSubmit, isReceiptRefusal, memberRefused, previewKeyOf, receiptUsedNow, useSaleStore } from '../stores/sale-store.ts';
import { useStatusStore } from '../stores/status-store.ts';

export function ConfirmButton({ buttonRef, onSubmitted }: { buttonRef: RefObject<HTMLButtonElement | null>; onSubmitted: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const needsCashier = useStatusStore((state) => Boolean(state.settings?.cashiers.length) && state.shift === null);
  const ready = useSaleStore(canSubmit) && !needsCashier;
  const phase = useSaleStore((state) => state.phase);
  const submit = useSaleStore((state) => state.submit);
  const problem = useSaleStore((state) => state.submitProblem);
  const notMember = useSaleStore(memberRefused);
  const receiptWarned = useSaleStore((state) => receiptUsedNow(state) !== null);
  const points = useSaleStore((state) => {
    const amountSen = amountSenOf(state);
    const current = amountSen !== null && state.previewKey === previewKeyOf(amountSen, state.member);
    return current ? (state.preview?.points ?? null) : null;
  });
  if (phase === 'done') return null;
  const receiptHeld = receiptWarned || isReceiptRefusal(problem);
  const usable = ready && !receiptHeld;
  const submitting = phase === 'submitting';
  // Not a member is said once, in the preview beside the button, in RM's words for phone or member ID.
  const reason = needsCashier ? t('counter.confirm.chooseCashier') : null;
  const label = submitting
    ? t('counter.confirm.sending')
    : points === null || reason !== null || notMember || receiptHeld
      ? t('counter.confirm.label')
      : t('counter.confirm.withPoints', { points: formatNumber(points, language), count: points });
  return (
    <div className="confirm">
      <button
        ref={buttonRef}
        type="button"
        className="button-primary button-confirm"
        data-testid="confirm"
        aria-disabled={!usable}
        aria-describedby={describedBy({ cashierReason: reason !== null, notMember, receiptWarned, receiptRefused: isReceiptRefusal(problem) })}
        aria-busy={submitting}
        onClick={() => {
          if (!usable) return;
          void submit().then(onSubmitted);
        }}
      >
        {label}
      </button>
      {reason && (
        <p className="confirm-reason" id="confirm-reason" data-testid="confirm-reason">
          {reason}
        </p>
      )}
      <Problem message={problem} id="confirm-problem" />
      {receiptHeld && (
        <button type="button" className="button-secondary" id="confirm-repeat-receipt" data-testid="confirm-repeat-receipt" onClick={() => ready && void submit({ repeatReceipt: true }).then(onSubmitted)}>
          {t('counter.confirm.repeatReceipt')}
        </button>
      )}
    </div>
  );
}

/** Every reason a held Confirm is held, read out with it, and for a receipt the way on. */
function describedBy(held: { cashierReason: boolean; notMember: boolean; receiptWarned: boolean; receiptRefused: boolean }): string | undefined {
  const ids = [
    held.cashierReason && 'confirm-reason',
    held.notMember && 'preview-member-problem',
    held.receiptWarned && 'receipt-used',
    held.receiptRefused && 'confirm-problem',
    (held.receiptWarned || held.receiptRefused) && 'confirm-repeat-receipt',
  ].filter((id): id is string => typeof id === 'string');
  return ids.length > 0 ? ids.join(' ') : undefined;
}
