// The claim QR for a customer with no card: large and crisp for a phone camera across the counter, with the amount and
// points, until dismissed or the next sale starts. Print gives a receipt-sized slip (see print.css).
import { CircleCheck, Hourglass } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatNumber, formatMoney } from '../format/locale.ts';
import { useSaleStore } from '../stores/sale-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { qrDataUrl } from './qr-image.ts';
import '../common/print.css';
import './print.css';

type PaperWidth = 58 | 80;

export function ClaimQrPanel() {
  const outcome = useSaleStore((state) => state.outcome);
  const dismissed = useSaleStore((state) => state.qrDismissed);
  const url = outcome?.award.state === 'AWARDED' ? outcome.award.qrCodeUrl : null;
  if (!outcome || !url || dismissed) return null;
  const { award } = outcome;
  return <ClaimQr url={url} amountSen={award.amountSen} points={award.pointsPreview} createdAt={award.createdAt} claimed={award.claimedAt !== null} />;
}

interface ClaimQrProps {
  url: string;
  amountSen: number;
  points: number | null;
  createdAt: number;
  /** RM let Kaunter know the customer claimed it: the panel says so instead of asking for a scan. */
  claimed: boolean;
}

function ClaimQr({ url, amountSen, points, createdAt, claimed }: ClaimQrProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const dismiss = useSaleStore((state) => state.dismissQr);
  const storeName = useStatusStore((state) => state.settings?.storeName ?? '');
  const [image, setImage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [paper, setPaper] = useState<PaperWidth>(80);
  const dismissRef = useRef<HTMLButtonElement>(null);
  // Claimed while Print or the paper width had the focus: those go, and the focus goes on to Dismiss, not to nowhere.
  useEffect(() => {
    if (claimed && (document.activeElement === null || document.activeElement === document.body)) dismissRef.current?.focus();
  }, [claimed]);

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

  const amount = formatMoney(amountSen, language);
  const pointsText = points === null ? null : formatNumber(points, language);
  return (
    <section className={claimed ? 'claim-qr claim-qr-claimed' : 'claim-qr'} aria-labelledby="claim-qr-title" data-testid="claim-qr" data-claimed={claimed}>
      <h2 id="claim-qr-title">{t(claimed ? 'claimQr.claimedTitle' : 'claimQr.title')}</h2>
      <p className="claim-qr-status" role="status" data-testid="claim-qr-status">
        {claimed ? <CircleCheck aria-hidden="true" size={20} /> : <Hourglass aria-hidden="true" size={20} />}
        {t(claimed ? 'claimQr.claimed' : 'claimQr.waiting')}
      </p>
      {image && !claimed && <img className="qr-image" src={image} width={320} height={320} alt={t('claimQr.alt')} data-url={url} />}
      <Problem message={problem} />
      <p className="claim-qr-amount">
        {pointsText === null ? amount : t('claimQr.amountAndPoints', { amount, points: pointsText, count: points ?? 0 })}
      </p>
      {!claimed && <p className="field-hint">{t('claimQr.instructions')}</p>}
      <div className="button-row">
        {/* Claimed, the QR is spent: a slip of it would only send the customer to a code that gives nothing. */}
        {!claimed && (
          <>
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
          </>
        )}
        <button ref={dismissRef} type="button" className="button-secondary" onClick={dismiss} data-testid="dismiss-qr">
          {t('claimQr.dismiss')}
        </button>
      </div>
      {image && !claimed && (
        <div className={`printable print-slip print-slip-${paper}`} aria-hidden="true">
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
