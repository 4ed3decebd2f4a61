import { LayoutDashboard, ShoppingBasket } from 'lucide-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
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
import { useCompactToFit } from './use-compact-to-fit.ts';

/**
 * Always visible, in one row down to 1024 px: the two screens, where the awards stand, the scanner, the shop, who is at
 * the counter and the language. Longer news (a pause, a problem) goes in the line under it. The row closes up (count
 * pills to icon and number, the shop's name over the cashier) only when its full words do not fit it.
 */
export function StatusBar() {
  const { t } = useTranslation();
  const screen = useNavStore((state) => state.screen);
  const show = useNavStore((state) => state.show);
  const storeName = useStatusStore((state) => state.settings?.storeName ?? '');
  const problem = useStatusStore((state) => state.problem);
  const hubPill = useHubStore((state) => state.status !== null && state.status.kind !== 'not-joined');
  const header = useRef<HTMLElement>(null);
  const compact = useCompactToFit(header);
  return (
    <>
      <header ref={header} className={['status-bar', compact ? 'status-bar-compact' : '', hubPill ? 'status-bar-joined' : ''].filter(Boolean).join(' ')}>
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
