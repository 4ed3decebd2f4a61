import { LayoutDashboard, ShoppingBasket } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { useMediaQuery } from '../common/use-media-query.ts';
import type { Language } from '../i18n/languages.ts';
import { useHubStore } from '../stores/hub-store.ts';
import { useNavStore } from '../stores/nav-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { CashierPicker } from './CashierPicker.tsx';
import { CoreNotice } from './CoreNotice.tsx';
import { HubIndicator } from './HubIndicator.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PillWordsBubble } from './PillWords.tsx';
import { QueueIndicators, QueueNotices } from './QueueIndicators.tsx';
import { ScannerIndicator } from './ScannerIndicator.tsx';
import { ShiftSwitchNotice } from './ShiftSwitchNotice.tsx';

/** How wide the header's full words need the screen to be: Malay's are the longest. */
const FULL_HEADER_FROM_PX: Readonly<Record<Language, number>> = { en: 1280, ms: 1440, zh: 1280 };
/** And how much more for head office's pill, on a terminal joined to a hub. */
const HUB_PILL_PX = 180;
/** And for the pill of awards RM refused after the sale, while there are some ("1 refused" at 1280 px met the store's name). */
const REFUSED_PILL_PX = 140;
/** And for the keyboard-mode scanner's words, longer than a USB scanner's ("Keyboard scanner" at 1280 px met the store's name). */
const KEYBOARD_SCANNER_PX = 60;

/**
 * Always visible, in one row down to 1024 px: the two screens, where the awards stand, the scanner, the shop, who is at
 * the counter and the language. Longer news (a pause, a problem) goes in the line under it.
 */
export function StatusBar() {
  const { t } = useTranslation();
  const screen = useNavStore((state) => state.screen);
  const show = useNavStore((state) => state.show);
  const storeName = useStatusStore((state) => state.settings?.storeName ?? '');
  const problem = useStatusStore((state) => state.problem);
  const hubPill = useHubStore((state) => state.status !== null && state.status.kind !== 'not-joined');
  const refusedPill = useStatusStore((state) => (state.refused?.count ?? 0) > 0);
  const keyboardScanner = useStatusStore((state) => state.scanner?.mode === 'keyboard');
  const extraPx = (hubPill ? HUB_PILL_PX : 0) + (refusedPill ? REFUSED_PILL_PX : 0) + (keyboardScanner ? KEYBOARD_SCANNER_PX : 0);
  const wide = useMediaQuery(`(min-width: ${FULL_HEADER_FROM_PX[useLanguage()] + extraPx}px)`);
  return (
    <>
      <header className={['status-bar', wide ? '' : 'status-bar-compact', hubPill ? 'status-bar-joined' : ''].filter(Boolean).join(' ')}>
        <nav className="nav-tabs" aria-label={t('shell.navigation')}>
          {(['counter', 'manager'] as const).map((name) => {
            const Icon = name === 'counter' ? ShoppingBasket : LayoutDashboard;
            return (
              <button key={name} type="button" className="nav-tab" aria-current={screen === name ? 'page' : undefined} data-testid={`nav-${name}`} onClick={() => show(name)}>
                <Icon aria-hidden="true" size={20} />
                {t(`shell.nav.${name}`)}
              </button>
            );
          })}
        </nav>
        <div className="status-pills-area">
          <div className="status-pills" aria-live="polite">
            <QueueIndicators />
            <ScannerIndicator />
            <HubIndicator />
          </div>
          <PillWordsBubble />
        </div>
        <div className="status-controls">
          <div className="shop-identity">
            <span className="store-name" title={storeName}>
              {storeName}
            </span>
            <CashierPicker />
          </div>
          <LanguageSwitch />
        </div>
      </header>
      <CoreNotice />
      <ShiftSwitchNotice />
      <QueueNotices />
      {problem && (
        <div className="notice-line">
          <Problem message={problem} />
        </div>
      )}
    </>
  );
}
