// Settings > Head office, when head office refuses this counter as a PC put back from a backup copy: what happened and
// what bringing it back in step does, a confirmation, then the merge in the core (hub.merge) with how far it has come,
// and what it did. The result stays on screen after the status has moved on (the next push is taken). The core keeps how
// the last merge ended (hub.lastMerge): read when the section opens and when a merge ends, so a manager who left the tab,
// was locked out meanwhile, or watches from another screen sees it too. While a merge runs, every screen says so.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../../api.ts';
import type { CoreText } from '../../common/core-text.ts';
import { Problem } from '../../common/Problem.tsx';
import { ConfirmButtons } from '../../common/ConfirmButtons.tsx';
import { useLanguage } from '../../common/use-language.ts';
import { formatDateTime, formatNumber } from '../../format/locale.ts';
import { refusedAsPutBack } from '../../../app/common/put-back-refusal.ts';
import { useHubStore } from '../../stores/hub-store.ts';
import { noteIfLocked } from '../../stores/manager-store.ts';
import type { EventPayload, MethodOutput } from '../../types.ts';

type Merged = MethodOutput<'hub.merge'>;
type Progress = EventPayload<'hub.mergeProgress'>;
type Stage = 'offer' | 'confirm' | 'busy';
/** What a merge did or why not: this screen's own answer, or the core's (which says when, `at`). */
type Outcome = { kind: 'done'; merged: Merged; at?: number } | { kind: 'failed'; problem: CoreText; at?: number };

export function PutBackMerge() {
  const { t } = useTranslation();
  const status = useHubStore((state) => state.status);
  const [stage, setStage] = useState<Stage>('offer');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [answered, setAnswered] = useState<Outcome | null>(null);
  const merging = status?.kind === 'merging';
  const last = useLastMerge(merging);
  useEffect(() => kaunter().on('hub.mergeProgress', setProgress), []);

  const merge = (): void => {
    setStage('busy');
    setProgress(null);
    setAnswered(null);
    void useHubStore
      .getState()
      .merge()
      .then((answer) => {
        setStage('offer');
        if (answer.ok) return setAnswered({ kind: 'done', merged: answer.value });
        noteIfLocked(answer.error);
        // Another screen's merge began first: this screen shows that one under way, then how it ended, as any screen does.
        if (answer.error.key !== 'hub.merging') setAnswered({ kind: 'failed', problem: answer.error });
      });
  };

  // While it runs the environment reopens before the answer comes, and the status moves on: the notice stays till then.
  // Another screen's merge shows as one under way, with no way to start a second.
  const shownStage: Stage = merging ? 'busy' : stage;
  const offered = refusedAsPutBack(status) || shownStage === 'busy';
  const outcome = shownStage === 'busy' ? null : (answered ?? last);
  if (!offered && !outcome) return null;
  return (
    <>
      {offered && (
        <div className="notice notice-warn" role="group" aria-labelledby="put-back-title" data-testid="put-back-merge">
          <p id="put-back-title">
            <strong>{t('hub.section.merge.title')}</strong>
          </p>
          <p>{t('hub.section.merge.explain')}</p>
          <p>{t('hub.section.merge.what')}</p>
          {shownStage === 'offer' && (
            <div className="button-row">
              <button type="button" className="button-primary" onClick={() => setStage('confirm')} data-testid="put-back-merge-start">
                {t('hub.section.merge.start')}
              </button>
            </div>
          )}
          {shownStage === 'confirm' && <Confirm onConfirm={merge} onCancel={() => setStage('offer')} />}
          {shownStage === 'busy' && <Busy progress={progress} />}
        </div>
      )}
      {outcome && <MergeOutcome outcome={outcome} />}
    </>
  );
}

/** How the last merge ended, as the core kept it: read now, and again each time a merge ends (null: none since Kaunter started). */
function useLastMerge(merging: boolean): Outcome | null {
  const [last, setLast] = useState<Outcome | null>(null);
  useEffect(() => {
    if (merging) return;
    let current = true;
    void kaunter()
      .hub.lastMerge({})
      .then((answer) => {
        if (!current) return;
        if (answer.ok) setLast(answer.value);
        else noteIfLocked(answer.error);
      });
    return () => {
      current = false;
    };
  }, [merging]);
  return last;
}

function MergeOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      {outcome.at !== undefined && (
        <p className="field-hint" data-testid="put-back-merge-last">
          {t('hub.section.merge.lastTried', { time: formatDateTime(outcome.at, language) })}
        </p>
      )}
      {outcome.kind === 'done' ? <MergeResult merged={outcome.merged} /> : <Problem message={outcome.problem} />}
    </>
  );
}

function Confirm({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alertdialog" aria-labelledby="put-back-confirm" data-testid="put-back-merge-confirm">
      <p id="put-back-confirm">
        <strong>{t('hub.section.merge.confirm')}</strong>
      </p>
      <ConfirmButtons yes={t('hub.section.merge.yes')} onConfirm={onConfirm} onCancel={onCancel} testId="put-back-merge-yes" />
    </div>
  );
}

function Busy({ progress }: { progress: Progress | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shown = progress ? formatNumber(progress.awards, language) : null;
  return (
    <p role="status" aria-busy="true" data-testid="put-back-merge-busy">
      {t('hub.section.merge.busy')}
      {shown !== null && <br />}
      {shown !== null && (progress?.phase === 'written' ? t('hub.section.merge.progressWritten', { shown }) : t('hub.section.merge.progressDownloaded', { shown }))}
    </p>
  );
}

function MergeResult({ merged }: { merged: Merged }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (merged.kind === 'in-step') {
    return (
      <p className="notice" role="status" data-testid="put-back-merge-result" data-kind="in-step">
        {t('hub.section.merge.inStep')}
      </p>
    );
  }
  const n = (value: number) => formatNumber(value, language);
  return (
    <div className="notice notice-ok" role="status" data-testid="put-back-merge-result" data-kind="merged">
      <p>
        <strong>{t('hub.section.merge.done')}</strong>
      </p>
      <ul>
        <li>{t('hub.section.merge.restored', { shown: n(merged.restored) })}</li>
        <li>{t('hub.section.merge.carriedOver', { shown: n(merged.carriedOver), waiting: n(merged.queued) })}</li>
        <li>{t('hub.section.merge.unknown', { shown: n(merged.unknown) })}</li>
        {merged.settledAtHeadOffice > 0 && <li>{t('hub.section.merge.settled', { shown: n(merged.settledAtHeadOffice) })}</li>}
        {merged.changedHere > 0 && <li>{t('hub.section.merge.changed', { shown: n(merged.changedHere) })}</li>}
      </ul>
      <p>
        {t('hub.section.merge.kept')} <code data-testid="put-back-merge-kept">{merged.keptAs}</code>
      </p>
      <p>{t('hub.section.merge.keptNote')}</p>
    </div>
  );
}
