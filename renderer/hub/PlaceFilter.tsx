// Outlet and terminal, the hub's two filters on top of the counter's. An outlet manager has one outlet, named as such
// rather than offered in a list that says "All outlets"; with every outlet, a terminal is named with its outlet.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NameSelect } from '../common/NameSelect.tsx';
import type { HubSession, Place } from './hub-api.ts';

type PlaceName = { outlet: string; terminal: string };

export function PlaceFilter({ session, place, onChange }: { session: HubSession; place: Place; onChange: (place: Place) => void }) {
  const { t } = useTranslation();
  const [places, setPlaces] = useState<PlaceName[]>([]);
  useEffect(() => {
    void session.places().then((result) => {
      if (result.ok) setPlaces(result.value.items);
    });
  }, [session]);
  const outlets = [...new Set(places.map((p) => p.outlet))];
  const user = session.current();
  const ownOutlet = user?.role === 'outlet-manager' ? user.outlet : null;
  const terminals = place.outlet || ownOutlet ? terminalsOf(places, place.outlet) : everyTerminal(places);
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
        names={terminals.names}
        value={place.terminal ? terminals.valueOf(place) : ''}
        onChange={(value) => onChange(value ? terminals.placeOf(value, place) : { ...place, terminal: undefined })}
        empty={{ label: t('hub.anyTerminal') }}
        testId="filter-terminal"
        nameText={terminals.text}
      />
    </div>
  );
}

interface TerminalChoices {
  names: string[];
  text?: (name: string) => string;
  valueOf: (place: Place) => string;
  placeOf: (value: string, place: Place) => Place;
}

/** Within one outlet (chosen, or an outlet manager's own), its terminals by name. */
function terminalsOf(places: readonly PlaceName[], outlet: string | undefined): TerminalChoices {
  return {
    names: [...new Set(places.filter((p) => !outlet || p.outlet === outlet).map((p) => p.terminal))],
    valueOf: (place) => place.terminal ?? '',
    placeOf: (terminal, place) => ({ ...place, terminal }),
  };
}

/**
 * With every outlet, each terminal as "Outlet / Terminal", as the history's rows name it: "Kaunter 1" alone would add up
 * every outlet's Kaunter 1, which head office never means. Choosing one chooses its outlet too.
 */
function everyTerminal(places: readonly PlaceName[]): TerminalChoices {
  const valueOf = (place: Place) => JSON.stringify([place.outlet, place.terminal]);
  return {
    names: places.map(valueOf),
    text: (value) => (JSON.parse(value) as string[]).join(' / '),
    valueOf,
    placeOf: (value) => {
      const [outlet, terminal] = JSON.parse(value) as [string, string];
      return { outlet, terminal };
    },
  };
}
