// Head office once signed in: who is signed in, one outlet and terminal choice for every tab, and four tabs: History
// (the counter's history screen), Charts, Review (the counter's review queue, across every counter in the place
// chosen), and Counters (which terminals need attention: CountersTab.tsx). Its own chunk,
// loaded after sign-in: the sign-in page does not wait for the history screens and the charts.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { HistoryFilters } from '../manager/HistoryFilters.tsx';
import { HistoryTab } from '../manager/HistoryTab.tsx';
import { ReviewTab } from '../manager/ReviewTab.tsx';
import { useManagerStore } from '../stores/manager-store.ts';
import type { HistoryFilter } from '../types.ts';
import { CountersTab } from './CountersTab.tsx';
import { PlaceFilter } from './PlaceFilter.tsx';
import { TotalsChart } from './TotalsChart.tsx';
import { placeOfHubAward, type HubSession, type Place } from './hub-api.ts';
import '../manager/manager.css';

type Tab = 'history' | 'charts' | 'review' | 'counters';
const TABS: readonly Tab[] = ['history', 'charts', 'review', 'counters'];

export function HeadOffice({ session }: { session: HubSession }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('history');
  const [place, setPlace] = useState<Place>({});
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [signOutFailed, setSignOutFailed] = useState(false);
  const user = session.current();
  // The place rides along with every history call; a new filter object makes the charts load again.
  const choosePlace = (next: Place): void => {
    session.setPlace(next);
    setPlace(next);
    setFilter((current) => ({ ...current }));
  };
  const signOut = async (): Promise<void> => {
    setSignOutFailed(false);
    if (!(await session.logOut())) {
      setSignOutFailed(true);
      return;
    }
    await useManagerStore.getState().load();
  };
  return (
    <>
      <header className="hub-header">
        <strong>{t('hub.title')}</strong>
        <span data-testid="hub-user">
          {user && t('hub.signedInAs', { name: user.name, role: t(`hub.role.${user.role}`, { outlet: user.outlet }) })}
        </span>
        <button type="button" className="button-secondary" onClick={() => void signOut()} data-testid="hub-sign-out">
          {t('hub.signOut')}
        </button>
      </header>
      <Problem message={signOutFailed ? t('hub.signOutFailed') : null} />
      <main className="screen manager">
        <div className="tabs" role="tablist" aria-label={t('hub.title')}>
          {TABS.map((name) => (
            <button key={name} type="button" role="tab" className="tab" aria-selected={tab === name} data-testid={`hub-tab-${name}`} onClick={() => setTab(name)}>
              {t(`hub.tab.${name}`)}
            </button>
          ))}
        </div>
        <section role="tabpanel" className="tab-panel">
          <PlaceFilter session={session} place={place} onChange={choosePlace} />
          {/* The counter's own history screen, with where each award was made; a new place keeps the filter typed. */}
          {tab === 'history' && <HistoryTab placeOf={placeOfHubAward} place={place} />}
          {tab === 'charts' && <Charts session={session} filter={filter} onFilter={setFilter} />}
          {/* A new place is a new review list: read again, with nothing left open from the last one. */}
          {tab === 'review' && <ReviewTab key={`${place.outlet ?? ''}\n${place.terminal ?? ''}`} placeOf={placeOfHubAward} />}
          {tab === 'counters' && <CountersTab session={session} place={place} />}
        </section>
      </main>
    </>
  );
}

function Charts({ session, filter, onFilter }: { session: HubSession; filter: HistoryFilter; onFilter: (filter: HistoryFilter) => void }) {
  return (
    <div className="hub-charts">
      <HistoryFilters onApply={onFilter} />
      <TotalsChart session={session} filter={filter} by="day" />
      <TotalsChart session={session} filter={filter} by="outlet" />
      <TotalsChart session={session} filter={filter} by="terminal" />
      <TotalsChart session={session} filter={filter} by="cashier" />
    </div>
  );
}
