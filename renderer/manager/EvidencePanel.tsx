// The reconciliation evidence for one unknown award: the member's point history around the attempt (candidates that
// may be this award), neighbours that could explain a credit, Kaunter's suggestion and why; then the decision. The
// decisions stay in view at the foot of the screen while the evidence scrolls (at 1024x768 they were below the fold),
// and only the suggested one looks like the way on: with no suggestion, none does.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { memberText } from '../../app/common/member.ts';
import { Problem } from '../common/Problem.tsx';
import { useCoreText, type CoreText } from '../common/core-text.ts';
import { useManagerWhy } from '../common/manager-why.ts';
import { ReasonForm } from '../common/ReasonForm.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatMoney } from '../format/locale.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import type { AwardView, Evidence } from '../types.ts';
import { useCashierText } from '../common/cashier-text.ts';
import { EvidenceFacts, SUGGESTION_TITLE_ID } from './EvidenceFacts.tsx';

type Decision = 'credited' | 'resend' | 'void';
const DECISIONS: readonly Decision[] = ['credited', 'resend', 'void'];

function decisionStyle(name: Decision, suggested: Evidence['suggestion'] | undefined): string {
  if (name === suggested) return 'button-primary';
  return name === 'void' ? 'button-danger-quiet' : 'button-secondary';
}

interface EvidencePanelProps {
  award: AwardView;
  onClose: () => void;
  onResolved: (award: AwardView) => void;
}

export function EvidencePanel({ award, onClose, onResolved }: EvidencePanelProps) {
  const { t } = useTranslation();
  const say = useCoreText();
  const managerWhy = useManagerWhy();
  const cashierText = useCashierText();
  const language = useLanguage();
  const [evidence, setEvidence] = useState<Evidence | null>(null);
  const [problem, setProblem] = useState<CoreText | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);

  useEffect(() => {
    let current = true;
    void kaunter()
      .manager.evidence({ id: award.id })
      .then((result) => {
        if (!current) return;
        if (result.ok) setEvidence(result.value);
        else {
          noteIfLocked(result.error);
          setProblem(result.error);
        }
      });
    return () => {
      current = false;
    };
  }, [award.id]);

  const resolve = async (reason: string): Promise<string | null> => {
    if (!decision) return null;
    const result = await kaunter().manager.resolve({ id: award.id, decision, reason });
    if (!result.ok) {
      noteIfLocked(result.error);
      return say(result.error);
    }
    onResolved(result.value);
    return null;
  };

  return (
    <section className="evidence" aria-labelledby="evidence-title" data-testid="evidence">
      <div className="detail-header">
        <h2 id="evidence-title">
          {t('review.evidenceTitle', { amount: formatMoney(award.amountSen, language), member: memberText(award.member) ?? t('member.claimQr') })}
        </h2>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('detail.back')}
        </button>
      </div>
      <p>{t('review.when', { at: formatDateTime(award.createdAt, language), cashier: cashierText(award.cashier) })}</p>
      {award.lastError && <p className="warning">{managerWhy(award.lastError)}</p>}
      <Problem message={problem} />
      {evidence && <EvidenceFacts evidence={evidence} />}
      <div className="decision-bar" data-testid="decision-bar">
        {decision ? (
          <ReasonForm confirmLabel={t(`review.decision.${decision}`)} onConfirm={resolve} onCancel={() => setDecision(null)} />
        ) : (
          <div className="button-row decisions">
            {DECISIONS.map((name) => (
              <button
                key={name}
                type="button"
                className={decisionStyle(name, evidence?.suggestion)}
                aria-describedby={name === evidence?.suggestion ? SUGGESTION_TITLE_ID : undefined}
                onClick={() => setDecision(name)}
                data-testid={`decide-${name}`}
              >
                {t(`review.decision.${name}`)}
              </button>
            ))}
          </div>
        )}
        <p className="field-hint">{t('review.decisionHelp')}</p>
      </div>
    </section>
  );
}
