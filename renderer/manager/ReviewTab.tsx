// Every award whose outcome is unknown (RM may or may not have given the points), with the reconciliation evidence
// and the three decisions, each with a reason: credited (RM did give them), resend, void.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { memberText } from '../common/member-text.ts';
import { Problem } from '../common/Problem.tsx';
import type { CoreText } from '../common/core-text.ts';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatNumber, formatRinggit } from '../format/locale.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import type { AwardView } from '../types.ts';
import { EvidencePanel } from './EvidencePanel.tsx';

export function ReviewTab() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [awards, setAwards] = useState<AwardView[] | null>(null);
  const [problem, setProblem] = useState<CoreText | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [resolved, setResolved] = useState<AwardView | null>(null);
  const unknownCount = useStatusStore((state) => state.queue?.unknown);

  const load = useCallback(() => {
    void kaunter()
      .manager.unknownAwards({})
      .then((result) => {
        if (result.ok) {
          setAwards(result.value);
          setProblem(null);
        } else {
          noteIfLocked(result.error);
          setProblem(result.error);
        }
      });
  }, []);
  useEffect(load, [load, unknownCount]);

  const open = awards?.find((award) => award.id === openId) ?? null;
  if (open) {
    return (
      <EvidencePanel
        award={open}
        onClose={() => setOpenId(null)}
        onResolved={(award) => {
          setResolved(award);
          setOpenId(null);
          load();
        }}
      />
    );
  }
  return (
    <div className="review">
      <Problem message={problem} />
      {resolved && (
        <p className="notice notice-ok" role="status" data-testid="resolved">
          {t('review.resolved', { state: t(`state.${resolved.state}`) })}
        </p>
      )}
      {awards && awards.length === 0 && <p className="field-hint" data-testid="review-empty">{t('review.empty')}</p>}
      {awards && awards.length > 0 && (
        <ul className="review-list" aria-label={t('review.listLabel')}>
          {awards.map((award) => (
            <li key={award.id}>
              <button type="button" className="review-item" onClick={() => setOpenId(award.id)} data-testid="review-item" data-award-id={award.id}>
                <span>{formatDateTime(award.createdAt, language)}</span>
                <span className="numeric">{formatRinggit(award.amountSen, language)}</span>
                <span>{memberText(award.member) ?? t('member.claimQr')}</span>
                <span>{award.pointsPreview === null ? '' : t('review.points', { points: formatNumber(award.pointsPreview, language) })}</span>
                <span>{award.cashier}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
