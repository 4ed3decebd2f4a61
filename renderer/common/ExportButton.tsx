// A CSV export (the history, a shift, the list of shifts): the core writes the file into Downloads and reports progress
// on long ones; the person sees where it went.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import { formatNumber } from '../format/locale.ts';
import type { MethodOutput, Result } from '../types.ts';
import type { CoreText } from './core-text.ts';
import { Problem } from './Problem.tsx';
import { useLanguage } from './use-language.ts';

type SavedFile = MethodOutput<'history.exportCsv'>;

export function ExportButton({ save, testId = 'export-csv' }: { save: () => Promise<Result<SavedFile>>; testId?: string }) {
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
    void save().then((result) => {
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
      <button type="button" className="button-secondary" onClick={start} aria-busy={exporting} data-testid={testId}>
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
