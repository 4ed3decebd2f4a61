// The shell: the training banner and status bar on every screen, then the first-run wizard, the counter (or the
// cashier's shift summary in its place), or the manager's screens. The manager's screens and the wizard load on demand: the counter comes up first.
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from './common/Problem.tsx';
import { CounterScreen } from './counter/CounterScreen.tsx';
import { setLanguage } from './i18n/i18n.ts';
import { CredentialsNotice } from './shell/CredentialsNotice.tsx';
import { ScanNotUsed } from './shift/ScanNotUsed.tsx';
import { ShiftSummary } from './shift/ShiftSummary.tsx';
import { StatusBar } from './shell/StatusBar.tsx';
import { TrainingBanner } from './shell/TrainingBanner.tsx';
import { useCoreEvents } from './shell/use-core-events.ts';
import { useManagerStore } from './stores/manager-store.ts';
import { useNavStore } from './stores/nav-store.ts';
import { useShiftStore } from './stores/shift-store.ts';
import { useStatusStore } from './stores/status-store.ts';
import './app.css';

const ManagerScreen = lazy(() => import('./manager/ManagerScreen.tsx').then((module) => ({ default: module.ManagerScreen })));
const SetupWizard = lazy(() => import('./setup/SetupWizard.tsx').then((module) => ({ default: module.SetupWizard })));

export function App() {
  const { t } = useTranslation();
  const settings = useStatusStore((state) => state.settings);
  const problem = useStatusStore((state) => state.problem);
  const connection = useStatusStore((state) => state.connection);
  const screen = useNavStore((state) => state.screen);
  const show = useNavStore((state) => state.show);
  const managerTab = useNavStore((state) => state.managerTab);
  // Settings' own test scan hears scans only once unlocked; before that (the PIN pad, or the recovery form) the shell's
  // notice must, or a scan there would be dropped without a word.
  const settingsHearsScans = useManagerStore((state) => managerTab === 'settings' && state.status?.unlocked === true);
  const shiftSummary = useShiftStore((state) => state.summary !== null);
  useCoreEvents();

  useEffect(() => {
    void useStatusStore.getState().load();
    void useManagerStore.getState().load();
  }, []);

  const language = settings?.language;
  useEffect(() => {
    if (language) setLanguage(language);
  }, [language]);

  if (!settings) {
    return (
      <main className="loading">
        {/* A page that never got in (the browser host's address was spent or had run out) would wait on a reconnect that never comes. */}
        {connection === 'refused' ? null : <p>{t('shell.loading')}</p>}
        <Problem message={connection === 'refused' ? t('shell.connection.addressRefused') : problem} />
      </main>
    );
  }

  const loading = <p className="loading">{t('shell.loading')}</p>;
  if (!settings.setupComplete) {
    return (
      <>
        <TrainingBanner />
        <main className="screen">
          <Suspense fallback={loading}>
            <SetupWizard />
          </Suspense>
        </main>
      </>
    );
  }

  return (
    <>
      <TrainingBanner />
      <StatusBar />
      <CredentialsNotice onOpenSettings={() => show('manager', 'settings')} />
      <main className="screen">
        {screen === 'counter' ? (
          shiftSummary ? <ShiftSummary /> : <CounterScreen />
        ) : (
          <>
            {/* No sale to scan into here: say so rather than drop the scan. */}
            {!settingsHearsScans && <ScanNotUsed message={t('shell.scanNotUsed')} />}
            <Suspense fallback={loading}>
              <ManagerScreen />
            </Suspense>
          </>
        )}
      </main>
    </>
  );
}
