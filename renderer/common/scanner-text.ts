// The scanner's status in a sentence: the core's own in English (it names the device), and in the other languages what
// the state means. A keyboard-mode scanner is "connected" on its own terms: its scans need Kaunter in front.
import { useTranslation } from 'react-i18next';
import type { ScannerState } from '../types.ts';
import { useLanguage } from './use-language.ts';

export function useScannerDetail(): (hid: ScannerState['hid']) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (hid) => {
    if (language === 'en') return hid.message;
    if (hid.state === 'connected' && hid.device?.mode === 'keyboard') return t('shell.scanner.typingDetail');
    return t(`shell.scanner.detail.${hid.state}`);
  };
}
