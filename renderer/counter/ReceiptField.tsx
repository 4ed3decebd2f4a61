// The optional receipt number: typed, or filled by scanning the receipt's barcode.
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaleStore } from '../stores/sale-store.ts';

export function ReceiptField({ onEnter }: { onEnter: () => void }) {
  const { t } = useTranslation();
  const receiptText = useSaleStore((state) => state.receiptText);
  const fromScan = useSaleStore((state) => state.receiptFromScan);
  const setReceiptText = useSaleStore((state) => state.setReceiptText);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
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
    </div>
  );
}
