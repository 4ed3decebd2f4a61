import { useTranslation } from 'react-i18next';
import type { CoreText } from '../../common/core-text.ts';
import { Problem } from '../../common/Problem.tsx';

/** After a save: "Saved." or the core's reason it was not. */
export interface SaveResult {
  problem: CoreText | string | null;
}

export function SectionSaved({ result }: { result: SaveResult | null }) {
  const { t } = useTranslation();
  if (!result) return null;
  if (result.problem) return <Problem message={result.problem} />;
  return (
    <p className="notice notice-ok" role="status">
      {t('common.saved')}
    </p>
  );
}
