// The optional receipt number: typed, or filled by scanning the receipt's barcode. A receipt that already earned points
// today, here or at another counter of the outlet, is said under the field before the cashier confirms.
import { useEffect, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreText } from '../common/core-text.ts';
import { receiptUsedNow, useSaleStore } from '../stores/sale-store.ts';

/**
 * A pause in typing before a typed receipt is checked, so the prefixes of a number typed slowly are not asked about. A
 * scanned receipt, or one finished with Enter, is checked at once: the cashier may confirm a moment later.
 */
const TYPED_PAUSE_MS = 800;

export function ReceiptField({ onEnter }: { onEnter: () => void }) {
  const { t } = useTranslation();
  const receiptText = useSaleStore((state) => state.receiptText);
  const fromScan = useSaleStore((state) => state.receiptFromScan);
  const setReceiptText = useSaleStore((state) => state.setReceiptText);
  const checkReceipt = useSaleStore((state) => state.checkReceipt);
  const used = useSaleStore(receiptUsedNow);
  const say = useCoreText();
  useEffect(() => {
    if (receiptText.trim() === '') return;
    const timer = setTimeout(() => void checkReceipt(), fromScan ? 0 : TYPED_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [receiptText, fromScan, checkReceipt]);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void checkReceipt();
    onEnter();
  };
  return (
    <div className="field field-receipt">
      <label htmlFor="receipt">{t('counter.receipt.label')}</label>
      <input
        id="receipt"
        autoComplete="off"
        maxLength={64}
        spellCheck={false}
        data-accepts-scans=""
        data-scan-field="receipt"
        value={receiptText}
        onChange={(event) => setReceiptText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {fromScan && <p className="badge badge-scan">{t('counter.receipt.fromScan')}</p>}
      {used && (
        <p className="warning" role="status" id="receipt-used" data-testid="receipt-used">
          {say(used)}
        </p>
      )}
    </div>
  );
}
