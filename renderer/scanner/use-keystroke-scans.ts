// Keyboard-mode scanners, in the page: every keydown on the window goes through the keystroke reader (capture phase,
// so a scan's keys are taken before they can click a focused button or reach React's handlers).
import { useEffect, useRef } from 'react';
import { KeystrokeReader, type KeystrokeReaderOptions, type KeystrokeScan } from './keystroke-reader.ts';

export interface ScanTarget {
  /** The data-scan-field of the element the scan was typed into, when its keys reached that field. */
  field: string | null;
}

export type KeystrokeScanHandler = (scan: KeystrokeScan, target: ScanTarget) => void;

function isEditable(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  if (element.isContentEditable) return true;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  return element instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(element.type);
}

export function useKeystrokeScans(onScan: KeystrokeScanHandler, enabled: boolean, options: Partial<KeystrokeReaderOptions> = {}): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  const { maxGapMs, minLength, scanIntoEditableFields, endWithoutTerminator } = options;

  useEffect(() => {
    if (!enabled) return undefined;
    const reader = new KeystrokeReader({
      ...(maxGapMs === undefined ? {} : { maxGapMs }),
      ...(minLength === undefined ? {} : { minLength }),
      ...(scanIntoEditableFields === undefined ? {} : { scanIntoEditableFields }),
      ...(endWithoutTerminator === undefined ? {} : { endWithoutTerminator }),
    });
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let lastField: string | null = null;

    const deliver = (scan: KeystrokeScan): void => {
      handler.current(scan, { field: scan.typedIntoField ? lastField : null });
    };

    const onKeyDown = (event: KeyboardEvent): void => {
      const target = event.target instanceof Element ? event.target : null;
      const editable = isEditable(target);
      if (editable && target instanceof HTMLElement) lastField = target.dataset.scanField ?? null;
      const verdict = reader.handle({
        key: event.key,
        timeStamp: event.timeStamp,
        targetIsEditable: editable,
        targetAcceptsScans: target instanceof HTMLElement && target.dataset.acceptsScans !== undefined,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
      });
      if (verdict.swallow) {
        event.preventDefault();
        event.stopPropagation();
      }
      if (verdict.scan) deliver(verdict.scan);
      clearTimeout(idleTimer);
      const started = event.timeStamp;
      idleTimer = setTimeout(() => {
        const scan = reader.idle(started + (maxGapMs ?? 50) + 1);
        if (scan) deliver(scan);
      }, (maxGapMs ?? 50) + 1);
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      clearTimeout(idleTimer);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, [enabled, maxGapMs, minLength, scanIntoEditableFields, endWithoutTerminator]);
}
