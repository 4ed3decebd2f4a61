// What happened to the last sale's points, readable at a glance: a coloured panel with its icon and a big heading, one
// line of detail, and the one action that fits (undo a queued award, try another member after a refusal). An awarded
// member's panel names them, with the points given and the new balance as RM reports it. Each outcome has its sound,
// but a refusal that came after the counter stopped waiting: that one is a quiet line, with no sound and no action.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { rmText, useCoreText } from '../common/core-text.ts';
import { memberText } from '../../app/common/member.ts';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatNumber, formatMoney } from '../format/locale.ts';
import { useSaleStore, type SaleOutcome } from '../stores/sale-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { pointsText } from '../common/points-text.ts';
import { OutcomeIcon } from './OutcomeIcon.tsx';
import { playOutcomeSound } from './outcome-sound.ts';
import { outcomeKind, queuedReason, rateLimitOf, type OutcomeKind } from './outcome.ts';

/** `onRetried`: the sale was started again with another member; the screen puts the focus on the member field. */
export function OutcomePanel({ onRetried }: { onRetried: () => void }) {
  const outcome = useSaleStore((state) => state.outcome);
  if (!outcome) return null;
  if (outcome.refusedLate) return <LateRefusal outcome={outcome} />;
  return <OutcomeCard outcome={outcome} onRetried={onRetried} />;
}

/**
 * The customer has likely gone: the status bar's refused count tells the manager. Here only a quiet line, so the sale
 * is not given to the next customer in the queue with "Try another member", and the focus stays where the cashier is.
 */
function LateRefusal({ outcome }: { outcome: SaleOutcome }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const say = useCoreText();
  const { award } = outcome;
  const sale = t('outcome.summaryNoPoints', { amount: formatMoney(award.amountSen, language), member: memberText(award.member) ?? t('member.claimQr') });
  return (
    <section className="outcome-late" role="status" data-testid="outcome" data-outcome="refusedLate">
      <p>{t('outcome.refusedLate', { sale })}</p>
      {award.lastError && <p className="field-hint">{say(rmText(award.lastError))}</p>}
    </section>
  );
}

function OutcomeCard({ outcome, onRetried }: { outcome: SaleOutcome; onRetried: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const kind = outcomeKind(outcome.award);
  const { award } = outcome;
  const who = memberText(award.member) ?? t('member.claimQr');
  const points = award.pointsPreview === null ? null : formatNumber(award.pointsPreview, language);
  const soundsOn = useStatusStore((state) => state.settings?.sounds !== false);
  useEffect(() => {
    if (soundsOn) playOutcomeSound(kind);
  }, [kind, soundsOn, award.id]);
  if (kind === 'awarded' && award.member.type !== 'QRCODE') return <AwardedCard outcome={outcome} />;
  return (
    <section className={`outcome outcome-${kind}`} role="status" aria-live="assertive" data-testid="outcome" data-outcome={kind}>
      <OutcomeIcon kind={kind} />
      <div className="outcome-body">
        <h2 className="outcome-title">{t(`outcome.${kind}.title`)}</h2>
        <p className="outcome-summary">
          {points === null
            ? t('outcome.summaryNoPoints', { amount: formatMoney(award.amountSen, language), member: who })
            : t('outcome.summary', { amount: formatMoney(award.amountSen, language), member: who, points, count: award.pointsPreview ?? 0 })}
        </p>
        <OutcomeDetail outcome={outcome} kind={kind} onRetried={onRetried} />
        <NotAsEdited outcome={outcome} />
      </div>
    </section>
  );
}

/** The success panel a cashier reads back to the customer: their name, the points given, the new balance. */
function AwardedCard({ outcome }: { outcome: SaleOutcome }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const training = useStatusStore((state) => state.info?.training === true);
  const { award } = outcome;
  const name = outcome.member?.name ?? memberText(award.member) ?? '';
  const given = pointsText(award, t, language);
  return (
    <section className="outcome outcome-awarded" role="status" aria-live="assertive" data-testid="outcome" data-outcome="awarded">
      <OutcomeIcon kind="awarded" />
      <div className="outcome-body">
        <h2 className="outcome-title">{t('outcome.awarded.title')}</h2>
        <p className="outcome-summary" data-testid="outcome-member">
          {name}
          {outcome.member?.name && <span className="outcome-member-id"> · {memberText(award.member)}</span>}
        </p>
        <dl className="outcome-points">
          <div>
            <dt>{t('outcome.awarded.amount')}</dt>
            <dd>{formatMoney(award.amountSen, language)}</dd>
          </div>
          <div>
            <dt>{t('outcome.awarded.given')}</dt>
            <dd data-testid="outcome-points">{given === null ? '—' : `+${given}`}</dd>
          </div>
          <div>
            <dt>{t('outcome.awarded.balance')}</dt>
            <dd data-testid="outcome-balance">{outcome.balanceAfter === null ? '…' : formatNumber(outcome.balanceAfter, language)}</dd>
          </div>
        </dl>
        <p className="outcome-detail">{t(training ? 'outcome.awarded.detailTraining' : 'outcome.awarded.detail')}</p>
        <NotAsEdited outcome={outcome} />
      </div>
    </section>
  );
}

/**
 * Said at once: the cashier changed the sale after it was first sent, and this outcome is of the sale as sent. Only
 * where points were given or may be: a refused or voided sale gave nothing, and its own panel says what next.
 */
function NotAsEdited({ outcome }: { outcome: SaleOutcome }) {
  const { t } = useTranslation();
  const kind = outcomeKind(outcome.award);
  if (!outcome.notAsEdited || !['awarded', 'claimQr', 'queued', 'sending', 'review'].includes(kind)) return null;
  return (
    <p className="outcome-reason" data-testid="outcome-not-as-edited">
      {t('outcome.notAsEdited')}
    </p>
  );
}

function OutcomeDetail({ outcome, kind, onRetried }: { outcome: SaleOutcome; kind: OutcomeKind; onRetried: () => void }) {
  const { t } = useTranslation();
  const say = useCoreText();
  const online = useStatusStore((state) => state.queue?.online);
  const undo = useSaleStore((state) => state.undo);
  const undoing = useSaleStore((state) => state.undoing);
  const undoProblem = useSaleStore((state) => state.undoProblem);
  const retryWithAnotherMember = useSaleStore((state) => state.retryWithAnotherMember);
  const retry = (): void => {
    retryWithAnotherMember();
    onRetried();
  };
  switch (kind) {
    case 'awarded':
    case 'voided':
    case 'cancelled':
      return <p className="outcome-detail">{t(`outcome.${kind}.detail`)}</p>;
    case 'claimQr':
      return <p className="outcome-detail">{t('outcome.claimQr.detail')}</p>;
    case 'queued': {
      const busy = rateLimitOf(outcome.award);
      return (
        <>
          <p className="outcome-detail" data-testid="queued-detail">
            {busy ? say(rmText(busy)) : t(`outcome.queued.detail.${queuedReason(outcome.waiting, online)}`)}
          </p>
          <button type="button" className="button-secondary" onClick={() => void undo()} aria-busy={undoing} data-testid="undo">
            {t('outcome.queued.undo')}
          </button>
          <Problem message={undoProblem} />
        </>
      );
    }
    case 'sending':
      return <p className="outcome-detail">{t(outcome.slow ? 'outcome.sending.slow' : 'outcome.sending.detail')}</p>;
    case 'review':
      return <p className="outcome-detail">{t('outcome.review.detail')}</p>;
    case 'refused':
      return <Refusal outcome={outcome} onRetry={retry} />;
    case 'qrFailed':
      return (
        <>
          <p className="outcome-reason">{t('outcome.qrFailed.detail')}</p>
          <button type="button" className="button-secondary" onClick={retry} data-testid="retry">
            {t('outcome.qrFailed.retry')}
          </button>
        </>
      );
  }
}

function Refusal({ outcome, onRetry }: { outcome: SaleOutcome; onRetry: () => void }) {
  const { t } = useTranslation();
  const say = useCoreText();
  const error = outcome.award.lastError;
  return (
    <>
      <p className="outcome-reason" data-testid="refusal-message">
        {error ? say(rmText(error)) : t('outcome.refused.noReason')}
      </p>
      <button type="button" className="button-secondary" onClick={onRetry} data-testid="retry">
        {t('outcome.refused.retry')}
      </button>
    </>
  );
}
