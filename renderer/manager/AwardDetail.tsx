// One award in full: what was sold to whom, and its trail: every state change with who, when and why, and every
// attempt to send it; at head office also the RM evidence its counter gathered (while it is unknown, or once gathered).
// A queued award can be voided here; an awarded claim QR with RM's id can be cancelled, and, while nobody has claimed
// it, shown again for the customer to scan (the counter closes it with the next sale). Esc goes back a step: out of
// the reason being typed, else back to the list.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { memberText } from '../../app/common/member.ts';
import { pointsText } from '../common/points-text.ts';
import { Problem } from '../common/Problem.tsx';
import { shownState } from '../common/shown-state.ts';
import { useCoreText, type CoreText } from '../common/core-text.ts';
import { useManagerWhy } from '../common/manager-why.ts';
import { ReasonForm } from '../common/ReasonForm.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatNumber, formatMoney } from '../format/locale.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import type { AwardDetail as Detail, AwardView } from '../types.ts';
import { useCashierText } from '../common/cashier-text.ts';
import { readCashier } from '../../app/common/cashier.ts';
import { qrDataUrl } from '../counter/qr-image.ts';
import { EvidenceFacts } from './EvidenceFacts.tsx';

type Action = 'void' | 'cancelQr' | null;
type TrailEvent = Detail['events'][number];

/**
 * States the last error explains: why it waits, why a manager must check it, why RM refused it. Once an award is
 * settled (awarded, voided, cancelled) the error is history: the event trail below still says what went wrong, and
 * when.
 */
const ERROR_EXPLAINS_STATE: ReadonlyArray<AwardView['state']> = ['QUEUED', 'SENDING', 'UNKNOWN', 'REJECTED'];

export function AwardDetail({ awardId, onClose }: { awardId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const say = useCoreText();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [problem, setProblem] = useState<CoreText | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [qrShown, setQrShown] = useState(false);
  const back = useRef<HTMLButtonElement>(null);
  // Shown again for a customer who came back: the core watches for the claim anew (its first watch ended long ago).
  const toggleQr = (): void => {
    if (!qrShown) {
      void kaunter()
        .manager.showClaimQr({ id: awardId })
        .then((result) => {
          if (!result.ok) noteIfLocked(result.error);
        });
    }
    setQrShown(!qrShown);
  };

  const load = useCallback(() => {
    void kaunter()
      .award.get({ id: awardId })
      .then((result) => {
        if (result.ok) setDetail(result.value);
        else {
          noteIfLocked(result.error);
          setProblem(result.error);
        }
      });
  }, [awardId]);
  useEffect(load, [load]);
  // A claim QR on show is claimed, cancelled or voided meanwhile: read again, and the QR goes.
  useEffect(
    () =>
      kaunter().on('award.updated', (award) => {
        if (award.id === awardId) load();
      }),
    [awardId, load],
  );

  // On the window, not the section: after a void the reason form's field is gone and the focus with it, and Esc must
  // still work. A key something else has already taken (a dialog's Esc) is left alone.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      if (action === null) onClose();
      else {
        setAction(null);
        back.current?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [action, onClose]);

  const act = async (reason: string): Promise<string | null> => {
    const api = kaunter();
    const result = action === 'cancelQr' ? await api.manager.cancelQr({ id: awardId, reason }) : await api.award.undo({ id: awardId, reason });
    if (!result.ok) {
      noteIfLocked(result.error);
      // The core may have learnt something from the refusal (RM says the QR was claimed): show the award as it is now.
      load();
      return say(result.error);
    }
    setAction(null);
    load();
    return null;
  };

  return (
    <section className="award-detail" aria-labelledby="award-detail-title" data-testid="award-detail">
      <div className="detail-header">
        <h2 id="award-detail-title">{t('detail.title')}</h2>
        <button ref={back} type="button" className="button-secondary" onClick={onClose} autoFocus data-testid="detail-close">
          {t('detail.back')}
        </button>
      </div>
      <Problem message={problem} />
      {detail && (
        <>
          <AwardFacts award={detail.award} place={detail.place} />
          <ActionButtons award={detail.award} showsQr={showsClaimQr(detail)} qrShown={qrShown} action={action} onAction={setAction} onToggleQr={toggleQr} />
          {qrShown && showsClaimQr(detail) && action === null && <ClaimQrAgain award={detail.award} />}
          {action && <ReasonForm confirmLabel={t(`detail.action.${action}`)} onConfirm={act} onCancel={() => setAction(null)} />}
          {detail.evidence && (detail.award.state === 'UNKNOWN' || detail.evidence.gathered) && (
            <section className="evidence" aria-labelledby="award-evidence-title" data-testid="award-evidence">
              <h3 id="award-evidence-title">{t('detail.evidence')}</h3>
              <EvidenceFacts evidence={detail.evidence} />
            </section>
          )}
          <EventTrail detail={detail} />
          <Attempts detail={detail} />
        </>
      )}
    </section>
  );
}

function AwardFacts({ award, place }: { award: AwardView; place: Detail['place'] }) {
  const { t } = useTranslation();
  const managerWhy = useManagerWhy();
  const cashierText = useCashierText();
  const settings = useStatusStore((state) => state.settings);
  // Terminals by name: at head office the outlet's and terminal's; at a counter this one by its own, and another
  // (history shared from elsewhere) as "another terminal".
  const terminal = place
    ? `${place.outlet} / ${place.terminal}`
    : award.terminalId === settings?.terminalId
      ? settings.terminalName || t('detail.thisTerminal')
      : t('detail.otherTerminal');
  const language = useLanguage();
  const facts: Array<[string, string]> = [
    [t('detail.state'), t(`state.${shownState(award)}`)],
    [t('detail.created'), formatDateTime(award.createdAt, language)],
    [t('detail.amount'), formatMoney(award.amountSen, language)],
    [t('detail.member'), memberText(award.member) ?? t('member.claimQr')],
    [t('detail.points'), pointsText(award, t, language) ?? t('detail.none')],
    [t('detail.cashier'), cashierText(award.cashier)],
    [t('detail.terminal'), terminal],
    [t('detail.receipt'), award.receiptRef ?? t('detail.none')],
    [t('detail.rmItemId'), award.rmItemId ?? t('detail.none')],
    [t('detail.id'), award.id],
  ];
  if (award.claimedAt !== null) facts.push([t('detail.claimed'), formatDateTime(award.claimedAt, language)]);
  if (award.lastError && ERROR_EXPLAINS_STATE.includes(award.state)) facts.push([t('detail.lastError'), managerWhy(award.lastError)]);
  if (award.resolution) facts.push([t('detail.resolution'), t('detail.resolvedBy', { by: award.resolution.by, at: formatDateTime(award.resolution.at, language), reason: award.resolution.reason })]);
  return (
    <dl className="facts">
      {facts.map(([name, value]) => (
        <div key={name} className="fact">
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A claim QR that may still be claimed, at its own counter (at head office there is no customer to scan it): a claimed,
 * voided or cancelled one gives nothing, so it is never shown.
 */
function showsClaimQr({ award, place }: Detail): boolean {
  return !place && award.state === 'AWARDED' && award.member.type === 'QRCODE' && award.qrCodeUrl !== null && award.claimedAt === null;
}

interface ActionButtonsProps {
  award: AwardView;
  showsQr: boolean;
  qrShown: boolean;
  action: Action;
  onAction: (action: Action) => void;
  onToggleQr: () => void;
}

function ActionButtons({ award, showsQr, qrShown, action, onAction, onToggleQr }: ActionButtonsProps) {
  const { t } = useTranslation();
  if (action) return null;
  const canVoid = award.state === 'QUEUED';
  // A QR the customer is known to have claimed cannot be cancelled: RM would refuse, so it is not offered.
  const canCancelQr = award.state === 'AWARDED' && award.member.type === 'QRCODE' && award.rmItemId !== null && award.claimedAt === null;
  if (!canVoid && !canCancelQr && !showsQr) return null;
  return (
    <div className="button-row">
      {showsQr && (
        <button type="button" className="button-primary" aria-expanded={qrShown} onClick={onToggleQr} data-testid="detail-show-qr">
          {t(qrShown ? 'detail.hideQr' : 'detail.showQr')}
        </button>
      )}
      {canVoid && (
        <button type="button" className="button-danger" onClick={() => onAction('void')} data-testid="detail-void">
          {t('detail.action.void')}
        </button>
      )}
      {canCancelQr && (
        <button type="button" className="button-danger" onClick={() => onAction('cancelQr')} data-testid="detail-cancel-qr">
          {t('detail.action.cancelQr')}
        </button>
      )}
    </div>
  );
}

/** The same QR the counter showed, drawn from RM's URL as the counter draws it, large enough for a phone at the counter. */
function ClaimQrAgain({ award }: { award: AwardView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [image, setImage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const shown = useRef<HTMLElement>(null);
  const url = award.qrCodeUrl ?? '';
  useEffect(() => {
    let current = true;
    qrDataUrl(url).then(
      (data) => current && setImage(data),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [url]);
  // Below the facts, at 1024x768 it would open out of sight.
  useEffect(() => {
    shown.current?.scrollIntoView({ block: 'nearest' });
  }, [image]);
  const amount = formatMoney(award.amountSen, language);
  const points = award.pointsPreview;
  return (
    <section ref={shown} className="claim-qr detail-claim-qr" aria-label={t('claimQr.title')} data-testid="detail-claim-qr">
      {image && <img className="qr-image" src={image} width={320} height={320} alt={t('claimQr.alt')} data-url={url} />}
      <Problem message={failed ? t('claimQr.drawFailed') : null} />
      <p className="claim-qr-amount">{points === null ? amount : t('claimQr.amountAndPoints', { amount, points: formatNumber(points, language), count: points })}</p>
      <p className="field-hint">{t('claimQr.instructions')}</p>
    </section>
  );
}

function EventTrail({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const say = useCoreText();
  const cashierText = useCashierText();
  const language = useLanguage();
  const managerWhy = useManagerWhy();
  // Kaunter's own reasons come as codes (a person's typed reason as typed); actors by kind, with their names. A reason
  // that is RM's or the network's own words is the cashier's sentence: the manager reads theirs.
  const why = (event: TrailEvent) => {
    if (!event.said || event.reason === null) return event.reason;
    if (event.said.key.startsWith('rm.')) return managerWhy({ code: event.said.key.slice('rm.'.length), message: event.reason });
    return say({ message: event.reason, ...event.said });
  };
  // A shop without a cashier list records the terminal: it is named as a terminal, not as "Cashier Terminal …".
  const who = ({ by }: TrailEvent) => {
    if (by.kind === 'other') return by.name;
    if (by.kind === 'cashier' && readCashier(by.name).kind === 'terminal') return cashierText(by.name);
    return t(`detail.actor.${by.kind}`, { name: by.name });
  };
  return (
    <table className="trail" data-testid="event-trail">
      <caption>{t('detail.trail')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('detail.when')}</th>
          <th scope="col">{t('detail.change')}</th>
          <th scope="col">{t('detail.who')}</th>
          <th scope="col">{t('detail.why')}</th>
        </tr>
      </thead>
      <tbody>
        {detail.events.map((event) => (
          <tr key={event.id}>
            <td>{formatDateTime(event.at, language)}</td>
            <td>{event.from && event.from !== event.to ? t('detail.fromTo', { from: t(`state.${event.from}`), to: t(`state.${event.to}`) }) : t(`state.${event.to}`)}</td>
            <td>{who(event)}</td>
            <td>
              {why(event)}
              {event.errorCode && (
                <>
                  {' '}
                  <span className="error-code">{t('detail.errorCodeIs', { code: event.errorCode })}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Attempts({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (detail.attempts.length === 0) return <p className="field-hint">{t('detail.noAttempts')}</p>;
  return (
    <table className="trail" data-testid="attempts">
      <caption>{t('detail.attempts')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('detail.attempt')}</th>
          <th scope="col">{t('detail.when')}</th>
          <th scope="col">{t('detail.outcome')}</th>
          <th scope="col">{t('detail.errorCode')}</th>
        </tr>
      </thead>
      <tbody>
        {detail.attempts.map((attempt) => (
          <tr key={attempt.number}>
            <td className="numeric">{formatNumber(attempt.number, language)}</td>
            <td>{formatDateTime(attempt.startedAt, language)}</td>
            <td>{attempt.outcome ? t(`attemptOutcome.${attempt.outcome}`) : t('attemptOutcome.open')}</td>
            <td>{attempt.errorCode ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
