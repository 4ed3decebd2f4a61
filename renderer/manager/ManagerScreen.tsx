// The manager's screens, behind the PIN: History, Shifts, Review, Settings. Main locks them after inactivity (manager.locked)
// and this screen goes back to the PIN pad.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../common/use-language.ts';
import { formatNumber } from '../format/locale.ts';
import { PinSection } from '../setup/sections/PinSection.tsx';
import { useManagerStore } from '../stores/manager-store.ts';
import { useNavStore, type ManagerTab } from '../stores/nav-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { HistoryTab } from './HistoryTab.tsx';
import { PinPad } from './PinPad.tsx';
import { RecoveryCodeNotice } from './RecoveryCodeNotice.tsx';
import { ReviewTab } from './ReviewTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import { ShiftsTab } from './ShiftsTab.tsx';
import './manager.css';

const TABS: readonly ManagerTab[] = ['history', 'shifts', 'review', 'settings'];

export function ManagerScreen() {
  const { t } = useTranslation();
  const status = useManagerStore((state) => state.status);
  if (!status) return <p className="loading">{t('shell.loading')}</p>;
  return (
    <>
      <RecoveryCodeNotice />
      {!status.pinSet ? (
        <section className="manager-no-pin">
          <p className="notice">{t('manager.noPin')}</p>
          <PinSection />
        </section>
      ) : !status.unlocked ? (
        <PinPad />
      ) : (
        <ManagerTabs managerName={status.managerName} />
      )}
    </>
  );
}

function ManagerTabs({ managerName }: { managerName: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const tab = useNavStore((state) => state.managerTab);
  const show = useNavStore((state) => state.show);
  const lock = useManagerStore((state) => state.lock);
  const unknown = useStatusStore((state) => state.queue?.unknown ?? 0);
  const tabRefs = useRef<Partial<Record<ManagerTab, HTMLButtonElement | null>>>({});
  // Unlocking unmounts the PIN pad (or the recovery form) that had focus, which leaves it nowhere: give it to the open
  // tab. Coming here from the counter's nav while unlocked, focus stays on what the manager pressed.
  const firstTab = useRef(tab);
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) tabRefs.current[firstTab.current]?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const step = event.key === 'ArrowRight' ? 1 : TABS.length - 1;
    const next = TABS[(TABS.indexOf(tab) + step) % TABS.length] ?? 'history';
    show('manager', next);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="manager">
      <div className="manager-header">
        <div className="tabs" role="tablist" aria-label={t('manager.title')} onKeyDown={onKeyDown}>
          {TABS.map((name) => (
            <button
              key={name}
              ref={(element) => {
                tabRefs.current[name] = element;
              }}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              className="tab"
              data-testid={`tab-${name}`}
              onClick={() => show('manager', name)}
            >
              {t(`manager.tab.${name}`)}
              {name === 'review' && unknown > 0 && <span className="count-badge">{formatNumber(unknown, language)}</span>}
            </button>
          ))}
        </div>
        <p className="manager-name">{managerName ? t('manager.signedIn', { name: managerName }) : null}</p>
        <button type="button" className="button-secondary" onClick={() => void lock()} data-testid="manager-lock">
          {t('manager.lock')}
        </button>
      </div>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'history' && <HistoryTab />}
        {tab === 'shifts' && <ShiftsTab />}
        {tab === 'review' && <ReviewTab />}
        {tab === 'settings' && <SettingsTab />}
      </section>
    </div>
  );
}
