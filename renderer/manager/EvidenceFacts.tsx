// The evidence on one unknown award, as a manager reads it: Kaunter's suggestion and why, when and where RM was asked
// (at head office), the member's credits in the window and whether their points match, and the member's other awards
// around the same time that could explain a credit. Review shows it beside the decisions; head office's award detail too.
import { useTranslation } from 'react-i18next';
import { rmText, useCoreText } from '../common/core-text.ts';
import { useLanguage } from '../common/use-language.ts';
import { formatDuration } from '../../app/common/duration.ts';
import { formatDateTime, formatNumber, localeOf } from '../format/locale.ts';
import type { Language } from '../i18n/languages.ts';
import type { Evidence } from '../types.ts';

/** RM's timestamps are ISO text; shown in the shop's time and language when they parse. */
function rmTime(text: string, language: Language): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : formatDateTime(ms, language);
}

/** How long before or after the attempt (or the sale) RM recorded a credit: "1h 59m 57s after", not "7,197". */
function fromAttempt(seconds: number, language: Language, t: ReturnType<typeof useTranslation>['t']): string {
  if (Math.round(seconds) === 0) return t('review.fromAttempt.same');
  return t(seconds < 0 ? 'review.fromAttempt.before' : 'review.fromAttempt.after', { duration: formatDuration(seconds, localeOf(language)) });
}

/** Where another award was made: this counter, a named counter, or (for an outlet manager) another outlet. */
function placeWords(place: Evidence['neighbours'][number]['place'], t: ReturnType<typeof useTranslation>['t']): string {
  if (!place) return t('review.where.here');
  if (place.outlet === null || place.terminal === null) return t('review.where.elsewhere');
  return `${place.outlet} / ${place.terminal}`;
}

/** The suggestion's title, which also describes the decision button it suggests. */
export const SUGGESTION_TITLE_ID = 'evidence-suggestion-title';

export function EvidenceFacts({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const say = useCoreText();
  const language = useLanguage();
  return (
    <>
      <div className={`suggestion suggestion-${evidence.suggestion}`} data-testid="suggestion" data-suggestion={evidence.suggestion}>
        <p className="suggestion-title" id={SUGGESTION_TITLE_ID}>
          {t(`review.suggestion.${evidence.suggestion}`)}
        </p>
        <p>{say({ message: evidence.explanation, key: evidence.explanationKey, params: evidence.explanationParams })}</p>
      </div>
      {evidence.error && <p className="warning">{say(rmText(evidence.error))}</p>}
      {evidence.gathered && (
        <p data-testid="evidence-gathered">{t('review.gathered', { at: formatDateTime(evidence.gathered.at, language), by: evidence.gathered.by })}</p>
      )}
      {evidence.historyRead ? <Credits evidence={evidence} /> : <p data-testid="evidence-history-unread">{t('review.historyUnread')}</p>}
      {evidence.neighbours.length > 0 && (
        <table className="trail" data-testid="evidence-neighbours">
          <caption>{t('review.neighbours')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.candidate.when')}</th>
              <th scope="col">{t('detail.state')}</th>
              <th scope="col">{t('review.candidate.points')}</th>
              <th scope="col">{t('review.where.title')}</th>
            </tr>
          </thead>
          <tbody>
            {evidence.neighbours.map((neighbour, index) => (
              <tr key={neighbour.id ?? `elsewhere-${index}`}>
                <td>{formatDateTime(neighbour.createdAt, language)}</td>
                {/* Its own state, never "QR not seen claimed" (shown-state.ts): neighbours are found by member ID or phone,
                    which a claim QR award has neither of (app/awards/reconcile.ts, hub/neighbours.ts), so none is a QR. */}
                <td>{t(`state.${neighbour.state}`)}</td>
                <td className="numeric">{neighbour.pointsPreview === null ? '' : formatNumber(neighbour.pointsPreview, language)}</td>
                <td>{placeWords(neighbour.place, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The credits RM's history lists in the window: only shown when it was read, or "none" would be a guess. */
function Credits({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // RM's entry types are codes: those Kaunter knows are worded in the language on screen, any other shown as RM sent it.
  const entryType = (type: string | undefined) => (type ? t(`review.rmEntryType.${type}`, { defaultValue: type }) : undefined);
  return (
    <table className="trail" data-testid="evidence-candidates">
      <caption>{t('review.candidates', { from: formatDateTime(evidence.window.fromMs, language), to: formatDateTime(evidence.window.toMs, language) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.candidate.when')}</th>
          <th scope="col">{t('review.candidate.what')}</th>
          <th scope="col">{t('review.candidate.points')}</th>
          <th scope="col">{t('review.candidate.seconds')}</th>
          <th scope="col">{t('review.candidate.match')}</th>
        </tr>
      </thead>
      <tbody>
        {evidence.candidates.length === 0 && (
          <tr>
            <td colSpan={5}>{t('review.noCandidates')}</td>
          </tr>
        )}
        {evidence.candidates.map((candidate, index) => (
          <tr key={`${candidate.entry.createdAt}-${index}`}>
            <td>{rmTime(candidate.entry.createdAt, language)}</td>
            <td>{[entryType(candidate.entry.type), candidate.entry.description].filter(Boolean).join(' · ')}</td>
            <td className="numeric">{formatNumber(candidate.entry.points, language)}</td>
            <td className="numeric">{fromAttempt(candidate.secondsFromAttempt, language, t)}</td>
            <td>{t(candidate.pointsMatch ? 'common.yes' : 'common.no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
