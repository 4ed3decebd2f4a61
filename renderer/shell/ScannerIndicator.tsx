import { useTranslation } from 'react-i18next';
import { useStatusStore } from '../stores/status-store.ts';

/** The scanner's state; the core's sentence (what is wrong and how to fix it) is the pill's title and screen-reader text. */
export function ScannerIndicator() {
  const { t } = useTranslation();
  const scanner = useStatusStore((state) => state.scanner);
  if (!scanner) return null;
  if (scanner.mode === 'keyboard') {
    return (
      <span className="pill" data-testid="scanner" data-state="keyboard">
        {t('shell.scanner.keyboard')}
      </span>
    );
  }
  const { hid } = scanner;
  return (
    <span className={hid.state === 'connected' ? 'pill pill-ok' : 'pill pill-warn'} title={hid.message} data-testid="scanner" data-state={hid.state}>
      {t(`shell.scanner.${hid.state}`)}
      <span className="visually-hidden">{hid.message}</span>
    </span>
  );
}
