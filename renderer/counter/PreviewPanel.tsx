// The points RM would give for this sale (RM's calculate endpoint), or Kaunter's estimate when RM cannot be asked,
// with the member's name and balance when RM can tell them.
import { useTranslation } from 'react-i18next';
import { useCoreText } from '../common/core-text.ts';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatNumber } from '../format/locale.ts';
import { amountSenOf, memberRefused, previewKeyOf, useSaleStore } from '../stores/sale-store.ts';
import type { Preview } from '../types.ts';

export function PreviewPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const amountSen = useSaleStore(amountSenOf);
  const member = useSaleStore((state) => state.member);
  const preview = useSaleStore((state) => state.preview);
  const previewKey = useSaleStore((state) => state.previewKey);
  const loading = useSaleStore((state) => state.previewLoading);
  const problem = useSaleStore((state) => state.previewProblem);
  const notMember = useSaleStore(memberRefused);
  if (amountSen === null || member === null) return null;
  const current = previewKey === previewKeyOf(amountSen, member);
  return (
    <section className="preview" aria-live="polite" aria-label={t('counter.preview.title')} data-testid="preview">
      {current && loading && <p className="field-hint">{t('counter.preview.loading')}</p>}
      {current && preview && (
        <>
          {/* Not a member: the why is the headline, first; the points (what a claim QR would give) only under it. */}
          {notMember && <MemberProblem preview={preview} />}
          <p className={notMember ? 'preview-points preview-points-muted' : 'preview-points'} data-testid="preview-points">
            {preview.points === null
              ? t('counter.preview.noPoints')
              : t('counter.preview.points', { points: formatNumber(preview.points, language), count: preview.points })}
            {preview.estimate && <span className="badge badge-estimate">{t('counter.preview.estimate')}</span>}
          </p>
          {preview.member && (
            <p className="preview-member" data-testid="preview-member">
              {preview.member.name && <span className="preview-member-name">{preview.member.name}</span>}
              {preview.member.points !== null && (
                <span className="preview-member-balance">{t('counter.preview.balance', { points: formatNumber(preview.member.points, language), count: preview.member.points })}</span>
              )}
            </p>
          )}
          {!notMember && <MemberProblem preview={preview} />}
        </>
      )}
      {current && <Problem message={problem} />}
    </section>
  );
}

/** RM's word on the member ("not a member"), or Kaunter's own notice (too many look-ups) that stops nothing. */
function MemberProblem({ preview }: { preview: Preview }) {
  const say = useCoreText();
  if (!preview.memberProblem) return null;
  return (
    <p className="warning" id="preview-member-problem" data-testid="preview-member-problem">
      {say({ message: preview.memberProblem, key: preview.memberProblemCode ?? undefined })}
    </p>
  );
}
