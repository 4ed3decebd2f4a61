import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { useNavStore } from '../stores/nav-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { CashierPicker } from './CashierPicker.tsx';
import { HubIndicator } from './HubIndicator.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { QueueIndicators } from './QueueIndicators.tsx';
import { ScannerIndicator } from './ScannerIndicator.tsx';

/** Always visible: where the awards stand, the scanner, head office, who is at the counter, the language, and the two screens. */
export function StatusBar() {
  const { t } = useTranslation();
  const screen = useNavStore((state) => state.screen);
  const show = useNavStore((state) => state.show);
  const storeName = useStatusStore((state) => state.info?.storeName ?? '');
  const problem = useStatusStore((state) => state.problem);
  return (
    <header className="status-bar">
      <nav className="segmented" aria-label={t('shell.navigation')}>
        {(['counter', 'manager'] as const).map((name) => (
          <button key={name} type="button" className="segment" aria-current={screen === name ? 'page' : undefined} data-testid={`nav-${name}`} onClick={() => show(name)}>
            {t(`shell.nav.${name}`)}
          </button>
        ))}
      </nav>
      <div className="status-pills" aria-live="polite">
        <QueueIndicators />
        <ScannerIndicator />
        <HubIndicator />
      </div>
      <div className="status-controls">
        <span className="store-name">{storeName}</span>
        <CashierPicker />
        <LanguageSwitch />
      </div>
      <Problem message={problem} />
    </header>
  );
}
