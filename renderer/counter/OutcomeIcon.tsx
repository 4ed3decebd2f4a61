// The outcome's picture, drawn as SVG in the outcome's colour (a font may lack the symbol; a drawing never does).
import type { OutcomeKind } from './outcome.ts';

const SHAPES: Readonly<Record<OutcomeKind, string>> = {
  awarded: 'M4 12.5l5 5L20 6.5',
  claimQr: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2v2h-2zM18 14h2v2h-2z',
  qrFailed: 'M6 6l12 12M18 6L6 18',
  queued: 'M12 3a9 9 0 1 0 0.01 0zM12 7v5l3.5 2.5',
  sending: 'M5 12h.01M12 12h.01M19 12h.01',
  review: 'M12 3L2 20h20zM12 10v4.5M12 17.5h.01',
  refused: 'M6 6l12 12M18 6L6 18',
  voided: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
  cancelled: 'M6 6l12 12M18 6L6 18',
};

export function OutcomeIcon({ kind }: { kind: OutcomeKind }) {
  return (
    <svg className="outcome-icon" viewBox="0 0 24 24" width="56" height="56" aria-hidden="true" focusable="false">
      <path d={SHAPES[kind]} fill="none" stroke="currentColor" strokeWidth={kind === 'sending' ? 4 : 2.5} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
