// The claim QR for a customer with no card: large and crisp for a phone camera across the counter, with the amount and
// points, until dismissed or the next sale starts. Print gives a receipt-sized slip (see print.css).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatNumber, formatRinggit } from '../format/locale.ts';
import { useSaleStore } from '../stores/sale-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { qrDataUrl } from './qr-image.ts';
import './print.css';

type PaperWidth = 58 | 80;

export function ClaimQrPanel() {
  const outcome = useSaleStore((state) => state.outcome);
  const dismissed = useSaleStore((state) => state.qrDismissed);
  const url = outcome?.award.state === 'AWARDED' ? outcome.award.qrCodeUrl : null;
  if (!outcome || !url || dismissed) return null;
  return <ClaimQr url={url} amountSen={outcome.award.amountSen} points={outcome.award.pointsPreview} createdAt={outcome.award.createdAt} />;
}

function ClaimQr({ url, amountSen, points, createdAt }: { url: string; amountSen: number; points: number | null; createdAt: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const dismiss = useSaleStore((state) => state.dismissQr);
  const storeName = useStatusStore((state) => state.settings?.storeName ?? '');
  const [image, setImage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [paper, setPaper] = useState<PaperWidth>(80);

  useEffect(() => {
    let current = true;
    qrDataUrl(url).then(
      (data) => current && setImage(data),
      () => current && setProblem(t('claimQr.drawFailed')),
    );
    return () => {
      current = false;
    };
  }, [url, t]);

  const amount = formatRinggit(amountSen, language);
  const pointsText = points === null ? null : formatNumber(points, language);
  return (
    <section className="claim-qr" aria-labelledby="claim-qr-title" data-testid="claim-qr">
      <h2 id="claim-qr-title">{t('claimQr.title')}</h2>
      {image && <img className="qr-image" src={image} width={360} height={360} alt={t('claimQr.alt')} data-url={url} />}
      <Problem message={problem} />
      <p className="claim-qr-amount">
        {pointsText === null ? amount : t('claimQr.amountAndPoints', { amount, points: pointsText, count: points ?? 0 })}
      </p>
      <p className="field-hint">{t('claimQr.instructions')}</p>
      <div className="button-row">
        <fieldset className="paper-width">
          <legend>{t('claimQr.paper')}</legend>
          {([58, 80] as const).map((width) => (
            <button key={width} type="button" className="segment" aria-pressed={paper === width} onClick={() => setPaper(width)}>
              {t('claimQr.paperWidth', { width })}
            </button>
          ))}
        </fieldset>
        <button type="button" className="button-secondary" onClick={() => window.print()} data-testid="print-qr">
          {t('claimQr.print')}
        </button>
        <button type="button" className="button-secondary" onClick={dismiss} data-testid="dismiss-qr">
          {t('claimQr.dismiss')}
        </button>
      </div>
      {image && (
        <div className={`print-slip print-slip-${paper}`} aria-hidden="true">
          <p className="print-store">{storeName}</p>
          <img src={image} alt="" />
          <p>{pointsText === null ? amount : t('claimQr.amountAndPoints', { amount, points: pointsText, count: points ?? 0 })}</p>
          <p>{t('claimQr.instructions')}</p>
          <p>{formatDateTime(createdAt, language)}</p>
        </div>
      )}
    </section>
  );
}
