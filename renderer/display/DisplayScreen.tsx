// What the customer sees, one state at a time, large enough to read across the counter: the welcome (in all three
// languages at once), the sale's amount and points, the claim QR, thanks, or "your points will arrive shortly".
import i18next from 'i18next';
import { CircleCheck, Clock } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayState, DisplayView } from '../../app/contract.ts';
import { qrDataUrl } from '../counter/qr-image.ts';
import { formatMoney, formatNumber } from '../format/locale.ts';
import { LANGUAGES, type Language } from '../i18n/languages.ts';

export function DisplayScreen({ state }: { state: DisplayState }) {
  const { t } = useTranslation();
  return (
    <main className={`customer-display customer-display-${state.view.kind}`} data-testid="customer-display" data-view={state.view.kind}>
      {state.training && <p className="customer-display-training">{t('display.training')}</p>}
      <View view={state.view} storeName={state.storeName} language={state.language} />
    </main>
  );
}

function View({ view, storeName, language }: { view: DisplayView; storeName: string; language: Language }) {
  switch (view.kind) {
    case 'idle':
      return <Welcome storeName={storeName} />;
    case 'sale':
      return <Sale amountSen={view.amountSen} points={view.pointsEstimate} language={language} />;
    case 'claimQr':
      return <ClaimQr url={view.url} amountSen={view.amountSen} points={view.points} language={language} />;
    case 'thanks':
      return <Thanks points={view.points} name={view.maskedName} balance={view.newBalance} language={language} />;
    case 'queued':
      return <Queued amountSen={view.amountSen} language={language} />;
  }
}

/** The store's name and a welcome line in English, Bahasa Melayu and Chinese at once: nobody has to choose. */
function Welcome({ storeName }: { storeName: string }) {
  return (
    <section className="display-welcome" aria-labelledby="display-store">
      <h1 id="display-store" className="display-store">{storeName}</h1>
      <ul className="display-welcome-lines">
        {LANGUAGES.map((language) => {
          const t = i18next.getFixedT(language);
          return (
            <li key={language} lang={language}>
              <strong>{t('display.welcome')}</strong>
              <span>{t('display.welcomeLine')}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Sale({ amountSen, points, language }: { amountSen: number; points: number | null; language: Language }) {
  const { t } = useTranslation();
  return (
    <section className="display-sale" aria-labelledby="display-amount-label">
      <p id="display-amount-label" className="display-label">{t('display.amount')}</p>
      <p className="display-amount" data-testid="display-amount">{formatMoney(amountSen, language)}</p>
      <p className="display-points" data-testid="display-points">
        {points === null ? t('display.pointsLater') : t('display.points', { points: formatNumber(points, language), count: points })}
      </p>
    </section>
  );
}

function ClaimQr({ url, amountSen, points, language }: { url: string; amountSen: number; points: number | null; language: Language }) {
  const { t } = useTranslation();
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void qrDataUrl(url).then((data) => current && setImage(data));
    return () => {
      current = false;
    };
  }, [url]);
  const amount = formatMoney(amountSen, language);
  return (
    <section className="display-claim" aria-labelledby="display-claim-title">
      <div className="display-qr-frame">{image && <img className="display-qr" src={image} alt={t('display.qrAlt')} data-url={url} data-testid="display-qr" />}</div>
      <div className="display-claim-text">
        <h1 id="display-claim-title">{t('display.scanTitle')}</h1>
        <p className="display-claim-amount" data-testid="display-claim-amount">{amount}</p>
        {points !== null && <p className="display-claim-points" data-testid="display-claim-points">{t('display.points', { points: formatNumber(points, language), count: points })}</p>}
        <p className="display-hint">{t('display.scanHint')}</p>
      </div>
    </section>
  );
}

function Thanks({ points, name, balance, language }: { points: number | null; name: string | null; balance: number | null; language: Language }) {
  const { t } = useTranslation();
  return (
    <section className="display-thanks" aria-labelledby="display-thanks-title">
      <CircleCheck className="display-icon" aria-hidden="true" />
      <h1 id="display-thanks-title" data-testid="display-thanks">{name ? t('display.thanksName', { name }) : t('display.thanks')}</h1>
      {points !== null && <p className="display-points-given" data-testid="display-points-given">{t('display.pointsGiven', { points: formatNumber(points, language), count: points })}</p>}
      {balance !== null && <p className="display-balance" data-testid="display-balance">{t('display.newBalance', { balance: formatNumber(balance, language), count: balance })}</p>}
    </section>
  );
}

function Queued({ amountSen, language }: { amountSen: number; language: Language }) {
  const { t } = useTranslation();
  return (
    <section className="display-queued" aria-labelledby="display-queued-title">
      <Clock className="display-icon" aria-hidden="true" />
      <h1 id="display-queued-title" data-testid="display-queued">{t('display.queued')}</h1>
      <p className="display-amount-small">{formatMoney(amountSen, language)}</p>
      <p className="display-hint">{t('display.queuedDetail')}</p>
    </section>
  );
}
