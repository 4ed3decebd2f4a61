// CSV export of the filtered history: the core writes the file and reports progress; the manager sees where it went.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { Problem } from '../common/Problem.tsx';
import type { CoreText } from '../common/core-text.ts';
import { useLanguage } from '../common/use-language.ts';
import { formatNumber } from '../format/locale.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import type { HistoryFilter } from '../types.ts';

export function ExportButton({ filter }: { filter: HistoryFilter }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [saved, setSaved] = useState<{ path: string; rows: number } | null>(null);
  const [problem, setProblem] = useState<CoreText | null>(null);

  useEffect(() => kaunter().on('export.progress', (payload) => setProgress(payload)), []);

  const start = (): void => {
    if (exporting) return;
    setExporting(true);
    setSaved(null);
    setProblem(null);
    setProgress(null);
    void kaunter()
      .history.exportCsv({ filter })
      .then((result) => {
        setExporting(false);
        if (result.ok) setSaved(result.value);
        else {
          noteIfLocked(result.error);
          setProblem(result.error);
        }
      });
  };

  return (
    <div className="export">
      <button type="button" className="button-secondary" onClick={start} aria-busy={exporting} data-testid="export-csv">
        {t('history.export.button')}
      </button>
      {exporting && progress && (
        <label className="export-progress">
          <span>{t('history.export.progress', { done: formatNumber(progress.done, language), total: formatNumber(progress.total, language) })}</span>
          <progress value={progress.done} max={Math.max(progress.total, 1)} />
        </label>
      )}
      {saved && (
        <p className="notice notice-ok" role="status" data-testid="export-saved" data-path={saved.path}>
          {t('history.export.saved', { path: saved.path, rows: formatNumber(saved.rows, language), count: saved.rows })}
        </p>
      )}
      <Problem message={problem} />
    </div>
  );
}
