// The cashier's shift, in place of the sale: so far (with "End shift now"), or as it ended. Its awards, the amount and
// points awarded (saying when some points are still estimates), and how many of its awards are, right now, waiting to
// be sent or waiting for a manager, read again as the queue moves. Print gives the summary alone (common/print.css);
// Export writes it as CSV into Downloads. A card scanned meanwhile is not used, and the summary says so (ScanNotUsed).
import { LogOut, Printer } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { ExportButton } from '../common/ExportButton.tsx';
import { Problem } from '../common/Problem.tsx';
import { useLanguage } from '../common/use-language.ts';
import { formatDateTime } from '../format/locale.ts';
import { useShiftStore } from '../stores/shift-store.ts';
import { useStatusStore } from '../stores/status-store.ts';
import { TrainingWords } from '../shell/TrainingBanner.tsx';
import type { ShiftSummaryView } from '../types.ts';
import { ScanNotUsed } from './ScanNotUsed.tsx';
import { useShiftFigures, useShiftPeriod } from './shift-figures.ts';
import '../common/print.css';
import './shift.css';

export function ShiftSummary() {
  const summary = useShiftStore((state) => state.summary);
  return summary ? <Summary summary={summary} /> : null;
}

function Summary({ summary }: { summary: ShiftSummaryView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const title = useRef<HTMLHeadingElement>(null);
  const settings = useStatusStore((state) => state.settings);
  const training = useStatusStore((state) => state.info?.training === true);
  const { busy, problem, end, refresh, closeSummary } = useShiftStore();
  const figures = useShiftFigures(summary.figures);
  const period = useShiftPeriod(summary);
  const open = summary.endedAt === null;

  useEffect(() => title.current?.focus(), [open]);
  useEffect(() => {
    const api = kaunter();
    const offs = [api.on('queue.changed', () => void refresh()), api.on('award.updated', () => void refresh())];
    return () => offs.forEach((off) => off());
  }, [refresh]);

  return (
    <section
      className="shift-summary"
      aria-labelledby="shift-summary-title"
      data-testid="shift-summary"
      data-ended={!open}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || busy) return;
        event.preventDefault();
        closeSummary();
      }}
    >
      <div className="shift-print printable card">
        <h1 id="shift-summary-title" ref={title} tabIndex={-1}>
          {t(open ? 'shift.summary.titleOpen' : 'shift.summary.titleEnded', { name: summary.cashier })}
        </h1>
        <p className="shift-place">{[settings?.storeName, settings?.terminalName].filter(Boolean).join(' · ')}</p>
        {training && (
          <p className="shift-training" data-testid="shift-training">
            <TrainingWords />
          </p>
        )}
        <p className="shift-period" data-testid="shift-period">
          {period}
        </p>
        <dl className="shift-figures">
          {figures.map(({ name, label, value, note, estimate }) => (
            <div key={name} className={`shift-figure shift-figure-${name}`}>
              <dt>{label}</dt>
              <dd data-testid={`shift-${name}`}>
                {value}
                {(note ?? estimate) && (
                  <span className="shift-figure-note">
                    {note}
                    {estimate}
                  </span>
                )}
              </dd>
            </div>
          ))}
        </dl>
        <p className="shift-as-of">{t('shift.summary.asOf', { time: formatDateTime(summary.asOf, language) })}</p>
        {summary.figures.waiting > 0 && <p className="notice notice-warn">{t('shift.summary.waitingNote', { count: summary.figures.waiting })}</p>}
        {summary.figures.unknown > 0 && <p className="notice notice-warn">{t('shift.summary.unknownNote', { count: summary.figures.unknown })}</p>}
      </div>
      <div className="button-row shift-actions">
        {open && (
          <button type="button" className="button-primary" aria-busy={busy} onClick={() => void end()} data-testid="shift-end-now">
            <LogOut aria-hidden="true" size={20} />
            {t('shift.summary.endNow')}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={() => window.print()} data-testid="shift-print">
          <Printer aria-hidden="true" size={20} />
          {t('shift.summary.print')}
        </button>
        <ExportButton save={() => kaunter().shift.exportCsv({ id: summary.id })} testId="shift-export" />
        <button type="button" className={open ? 'button-secondary' : 'button-primary'} onClick={closeSummary} data-testid="shift-close">
          {t(open ? 'shift.summary.back' : 'shift.summary.done')}
        </button>
      </div>
      <ScanNotUsed message={t('shift.summary.scanNotUsed')} />
      <Problem message={problem} />
    </section>
  );
}
