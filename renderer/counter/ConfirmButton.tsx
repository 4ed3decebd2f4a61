// The one confirm of a sale. The store refuses a second submit of the same sale, so a double click or a second Enter
// does nothing; the button also says so by going busy. A receipt that already earned points today, here or at another
// counter, is refused by the core; the cashier then checks it, or awards again on purpose with a second button (never
// with Enter alone), offered as soon as the receipt field says so.
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
  const submitting = phase === 'submitting';
  const reason = needsCashier ? t('counter.confirm.chooseCashier') : notMember ? t('counter.confirm.notMember') : null;
  const label = submitting
    ? t('counter.confirm.sending')
    : points === null || reason !== null
      ? t('counter.confirm.label')
      : t('counter.confirm.withPoints', { points: formatNumber(points, language), count: points });
  return (
    <div className="confirm">
      <button
        ref={buttonRef}
        type="button"
        className="button-primary button-confirm"
        data-testid="confirm"
        aria-disabled={!ready}
        aria-describedby={reason ? 'confirm-reason' : undefined}
        aria-busy={submitting}
        onClick={() => {
          if (!ready) return;
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
      <Problem message={problem} />
      {(isReceiptRefusal(problem) || receiptWarned) && (
        <button type="button" className="button-secondary" data-testid="confirm-repeat-receipt" onClick={() => ready && void submit({ repeatReceipt: true }).then(onSubmitted)}>
          {t('counter.confirm.repeatReceipt')}
        </button>
      )}
    </div>
  );
}
