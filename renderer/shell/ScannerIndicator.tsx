import { ScanBarcode, TriangleAlert, Unplug } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useScannerDetail } from '../common/scanner-text.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { WordsPill } from './PillWords.tsx';

/** The scanner's state in a word and an icon; the sentence saying what to do about it is the pill's title, its
 * screen-reader text, and what a tap says. */
export function ScannerIndicator() {
  const { t } = useTranslation();
  const scanner = useStatusStore((state) => state.scanner);
  const scannerDetail = useScannerDetail();
  if (!scanner) return null;
  if (scanner.mode === 'keyboard') {
    return (
      <WordsPill className="pill" name="scanner" words={withLabel(t('shell.scanner.keyboard'), t('shell.scanner.keyboardDetail'))} data-testid="scanner" data-state="keyboard">
        <ScanBarcode aria-hidden="true" size={18} />
        <span className="pill-label">{t('shell.scanner.keyboard')}</span>
      </WordsPill>
    );
  }
  const { hid } = scanner;
  const detail = scannerDetail(hid);
  return (
    <WordsPill className={hid.state === 'connected' ? 'pill pill-ok' : 'pill pill-warn'} name="scanner" words={withLabel(t(`shell.scanner.${hid.state}`), detail)} data-testid="scanner" data-state={hid.state}>
      {hid.state === 'connected' ? <ScanBarcode aria-hidden="true" size={18} /> : hid.state === 'unsupported' ? <TriangleAlert aria-hidden="true" size={18} /> : <Unplug aria-hidden="true" size={18} />}
      <span className="pill-label">{t(`shell.scanner.${hid.state}`)}</span>
    </WordsPill>
  );
}

/** The pill's sentence starts with the word it shows, so voice control finds it by that word; said once, not twice. */
function withLabel(label: string, detail: string): string {
  return detail.startsWith(label) ? detail : `${label}: ${detail}`;
}
