// Outlet and terminal, the hub's two filters on top of the counter's. An outlet manager has one outlet.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  return (
    <div className="hub-place-filter">
      <label>
        <span>{t('hub.outlet')}</span>
        <select value={place.outlet ?? ''} onChange={(event) => onChange({ outlet: event.target.value || undefined })} data-testid="filter-outlet">
          <option value="">{t('hub.anyOutlet')}</option>
          {outlets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('hub.terminal')}</span>
        <select value={place.terminal ?? ''} onChange={(event) => onChange({ ...place, terminal: event.target.value || undefined })} data-testid="filter-terminal">
          <option value="">{t('hub.anyTerminal')}</option>
          {terminals.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
