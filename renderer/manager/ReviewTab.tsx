// Every award whose outcome is unknown (RM may or may not have given the points), as a table with the reason each is
// unknown; a row opens the reconciliation evidence and the three decisions, each with a reason: credited (RM did give
// them), resend, void. At head office `placeOf` names each award's outlet and terminal, as the history does.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import type { CoreText } from '../common/core-text.ts';
import { useManagerWhy } from '../common/manager-why.ts';
import { memberText } from '../../app/common/member.ts';
import { pointsText } from '../common/points-text.ts';
import { Problem } from '../common/Problem.tsx';
import { shownState } from '../common/shown-state.ts';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime, formatMoney } from '../format/locale.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import type { AwardView } from '../types.ts';
import { EvidencePanel } from './EvidencePanel.tsx';
import type { PlaceOf } from './HistoryList.tsx';
import { useCashierText } from '../common/cashier-text.ts';

export function ReviewTab({ placeOf }: { placeOf?: PlaceOf }) {
  const { t } = useTranslation();
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
          {t('review.resolved', { state: t(`state.${shownState(resolved)}`) })}
        </p>
      )}
      {awards && awards.length === 0 && <p className="field-hint" data-testid="review-empty">{t('review.empty')}</p>}
      {awards && awards.length > 0 && <ReviewTable awards={awards} onOpen={setOpenId} placeOf={placeOf} />}
    </div>
  );
}

function ReviewTable({ awards, onOpen, placeOf }: { awards: AwardView[]; onOpen: (id: string) => void; placeOf: PlaceOf | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const managerWhy = useManagerWhy();
  const cashierText = useCashierText();
  return (
    <table className="review-table">
      <caption>{t('review.listLabel')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.column.time')}</th>
          {placeOf && <th scope="col">{t('history.column.place')}</th>}
          <th scope="col" className="numeric">
            {t('review.column.amount')}
          </th>
          <th scope="col">{t('review.column.member')}</th>
          <th scope="col" className="numeric">
            {t('review.column.points')}
          </th>
          <th scope="col">{t('review.column.cashier')}</th>
          <th scope="col">{t('review.column.why')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('review.column.action')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {awards.map((award) => (
          <tr key={award.id}>
            <td>{formatDateTime(award.createdAt, language)}</td>
            {placeOf && <td data-testid="review-place">{placeOf(award) ?? ''}</td>}
            <td className="numeric">{formatMoney(award.amountSen, language)}</td>
            <td>{memberText(award.member) ?? t('member.claimQr')}</td>
            <td className="numeric">{pointsText(award, t, language) ?? '—'}</td>
            <td>{cashierText(award.cashier)}</td>
            <td className="review-why" data-testid="review-why">
              {award.lastError ? managerWhy(award.lastError) : t('review.noReason')}
            </td>
            <td>
              <button type="button" className="button-secondary" onClick={() => onOpen(award.id)} data-testid="review-item" data-award-id={award.id}>
                {t('review.check')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
