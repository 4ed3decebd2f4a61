// The customer display page: the state the core pushes, in the language the counter uses; in the browser host, first
// the pairing with the counter by the code shown there. It calls nothing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDisplayApi, DisplayState, PairingStatus } from '../../app/contract.ts';
import { setLanguage } from '../i18n/i18n.ts';
import { DisplayScreen } from './DisplayScreen.tsx';
import { PairingForm } from './PairingForm.tsx';

export function DisplayApp({ api }: { api: CustomerDisplayApi }) {
  const { t } = useTranslation();
  const [state, setState] = useState<DisplayState | null>(null);
  const [pairing, setPairing] = useState<PairingStatus>({ state: api.pairing ? 'needed' : 'paired' });

  useEffect(() => api.onState(setState), [api]);
  useEffect(() => api.pairing?.onChange(setPairing), [api]);
  useEffect(() => {
    if (state) setLanguage(state.language);
  }, [state]);

  if (pairing.state !== 'paired' && pairing.state !== 'lost' && api.pairing) return <PairingForm status={pairing} onPair={api.pairing.pair} />;
  return (
    <>
      {pairing.state === 'lost' && <p className="customer-display-lost" role="status">{t('display.lost')}</p>}
      {state ? <DisplayScreen state={state} /> : <p className="customer-display-starting">{t('display.starting')}</p>}
    </>
  );
}
