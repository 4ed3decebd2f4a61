import { useTranslation } from 'react-i18next';
import { Problem } from '../../common/Problem.tsx';

/** After a save: "Saved." or the core's reason it was not. */
export function SectionSaved({ result }: { result: { problem: string | null } | null }) {
  const { t } = useTranslation();
  if (!result) return null;
  if (result.problem) return <Problem message={result.problem} />;
  return (
    <p className="notice notice-ok" role="status">
      {t('common.saved')}
    </p>
  );
}
