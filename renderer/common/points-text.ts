// An award's points as the screens show them: RM's own figure as a number; Kaunter's estimate marked as one, in words
// (not only a colour or a symbol).
import type { TFunction } from 'i18next';
import { formatNumber } from '../format/locale.ts';
import type { Language } from '../i18n/languages.ts';
import type { AwardView } from '../types.ts';

export function pointsText(award: Pick<AwardView, 'pointsPreview' | 'pointsConfirmed'>, t: TFunction, language: Language): string | null {
  if (award.pointsPreview === null) return null;
  const points = formatNumber(award.pointsPreview, language);
  return award.pointsConfirmed ? points : t('points.estimate', { points });
}
