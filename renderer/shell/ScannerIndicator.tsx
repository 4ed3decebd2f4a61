import { ScanBarcode, TriangleAlert, Unplug } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useScannerDetail } from '../common/scanner-text.ts';
import { useStatusStore } from '../stores/status-store.ts';

/** The scanner's state in a word and an icon; what to do about it is the pill's title and its screen-reader text. */
export function ScannerIndicator() {
  const { t } = useTranslation();
  const scanner = useStatusStore((state) => state.scanner);
  const scannerDetail = useScannerDetail();
  if (!scanner) return null;
  if (scanner.mode === 'keyboard') {
    return (
      <span className="pill" role="img" aria-label={t('shell.scanner.keyboard')} data-testid="scanner" data-state="keyboard" title={t('shell.scanner.keyboardDetail')}>
        <ScanBarcode aria-hidden="true" size={18} />
        <span className="pill-label">{t('shell.scanner.keyboard')}</span>
      </span>
    );
  }
  const { hid } = scanner;
  const detail = scannerDetail(hid);
  return (
    <span
      className={hid.state === 'connected' ? 'pill pill-ok' : 'pill pill-warn'}
      role="img"
      aria-label={`${t(`shell.scanner.${hid.state}`)}: ${detail}`}
      title={detail}
      data-testid="scanner"
      data-state={hid.state}
    >
      {hid.state === 'connected' ? <ScanBarcode aria-hidden="true" size={18} /> : hid.state === 'unsupported' ? <TriangleAlert aria-hidden="true" size={18} /> : <Unplug aria-hidden="true" size={18} />}
      <span className="pill-label">{t(`shell.scanner.${hid.state}`)}</span>
    </span>
  );
}
