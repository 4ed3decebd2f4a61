// Outlet and terminal, the hub's two filters on top of the counter's. An outlet manager has one outlet, named as such
// rather than offered in a list that says "All outlets".
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NameSelect } from '../common/NameSelect.tsx';
import type { HubSession, Place } from './hub-api.ts';

export function PlaceFilter({ session, place, onChange }: { session: HubSession; place: Place; onChange: (place: Place) => void }) {
  const { t } = useTranslation();
  const [places, setPlaces] = useState<Array<{ outlet: string; terminal: string }>>([]);
  useEffect(() => {
    void session.places().then((result) => {
      if (result.ok) setPlaces(result.value.items);
    });
  }, [session]);
  const outlets = [...new Set(places.map((p) => p.outlet))];
  const terminals = [...new Set(places.filter((p) => !place.outlet || p.outlet === place.outlet).map((p) => p.terminal))];
  const user = session.current();
  const ownOutlet = user?.role === 'outlet-manager' ? user.outlet : null;
  return (
    <div className="hub-place-filter">
      {ownOutlet ? (
        <p className="hub-own-outlet" data-testid="own-outlet">
          <span>{t('hub.outlet')}</span>
          <strong>{ownOutlet}</strong>
        </p>
      ) : (
        <NameSelect
          label={t('hub.outlet')}
          names={outlets}
          value={place.outlet ?? ''}
          onChange={(outlet) => onChange({ outlet: outlet || undefined })}
          empty={{ label: t('hub.anyOutlet') }}
          testId="filter-outlet"
        />
      )}
      <NameSelect
        label={t('hub.terminal')}
        names={terminals}
        value={place.terminal ?? ''}
        onChange={(terminal) => onChange({ ...place, terminal: terminal || undefined })}
        empty={{ label: t('hub.anyTerminal') }}
        testId="filter-terminal"
      />
    </div>
  );
}
