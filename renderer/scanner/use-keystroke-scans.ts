// Keyboard-mode scanners, in the page: every keydown on the window goes through the keystroke reader (capture phase,
// so a scan's keys are taken before they can click a focused button or reach React's handlers).
import { useLayoutEffect, useRef } from 'react';
import { InputMethodScanHold } from './input-method-hold.ts';
import { DEFAULT_KEYSTROKE_READER, KeystrokeReader, type KeystrokeReaderOptions, type KeystrokeScan } from './keystroke-reader.ts';

export interface ScanTarget {
  /** The data-scan-field of a field the scan's keys reached. */
  field: string;
  /** That field's text just before the scan's first key: what it must read again once the scan is taken out. */
  valueBefore: string | null;
}

/** Every field the scan's keys reached, each with its text before the first of them (the focus can move mid-scan). */
export type KeystrokeScanHandler = (scan: KeystrokeScan, typedInto: ScanTarget[]) => void;

/**
 * Where a person types text. A drop-down is not one: a scan with the cashier picker focused (as it is right after a
 * cashier picks their name) is a scan, and its keys must not walk the picker through the names.
 */
function isEditable(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  if (element.isContentEditable) return true;
  if (element instanceof HTMLTextAreaElement) return true;
  return element instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(element.type);
}

/** A field's text as the keydown finds it (before the key's character is in it). */
function textOf(element: Element | null): string | null {
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : null;
}

export function useKeystrokeScans(onScan: KeystrokeScanHandler, enabled: boolean, options: Partial<KeystrokeReaderOptions> = {}): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  const { maxGapMs, minLength, scanIntoEditableFields, endWithoutTerminator } = options;

  // Listening from the moment the screen is on the page, as its claim is (scan-claim.ts).
  useLayoutEffect(() => {
    if (!enabled) return undefined;
    const reader = new KeystrokeReader({
      ...(maxGapMs === undefined ? {} : { maxGapMs }),
      ...(minLength === undefined ? {} : { minLength }),
      ...(scanIntoEditableFields === undefined ? {} : { scanIntoEditableFields }),
      ...(endWithoutTerminator === undefined ? {} : { endWithoutTerminator }),
    });
    const gapMs = maxGapMs ?? DEFAULT_KEYSTROKE_READER.maxGapMs;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    // Where the burst's keys landed, and what each field held before the first of them: a scan of 19 digits into a
    // field of 16 is cut by maxlength, so taking "the scanned text" back off the end would leave digits behind. More
    // than one field when the focus moved during the scan (a mode button's focus lands a frame after its click).
    let burstTargets: ScanTarget[] = [];

    const deliver = (scan: KeystrokeScan, targets = burstTargets): void => {
      handler.current(scan, scan.typedIntoField ? targets : []);
    };
    // A scan typed through an input method waits for its burst to be over, holding the list of fields that burst
    // reached (the next burst starts a list of its own).
    const inputMethodHold = new InputMethodScanHold<{ scan: KeystrokeScan; targets: ScanTarget[] }>(gapMs, ({ scan, targets }) => deliver(scan, targets));

    const onKeyDown = (event: KeyboardEvent): void => {
      const target = event.target instanceof Element ? event.target : null;
      const editable = isEditable(target);
      const before = textOf(target);
      const verdict = reader.handle({
        key: event.key,
        timeStamp: event.timeStamp,
        targetIsEditable: editable,
        targetAcceptsScans: target instanceof HTMLElement && target.dataset.acceptsScans !== undefined,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        composing: event.isComposing,
      });
      if (reader.burstLength === 1) {
        inputMethodHold.flush();
        burstTargets = [];
      }
      inputMethodHold.keyDown(event.isComposing);
      const field = editable && target instanceof HTMLElement ? (target.dataset.scanField ?? null) : null;
      if (field !== null && !burstTargets.some((reached) => reached.field === field)) burstTargets.push({ field, valueBefore: before });
      if (verdict.swallow) {
        event.preventDefault();
        event.stopPropagation();
      }
      if (verdict.scan?.throughInputMethod) inputMethodHold.hold({ scan: verdict.scan, targets: burstTargets });
      else if (verdict.scan) deliver(verdict.scan);
      // Only a scanner without a suffix needs the quiet after its last key. A timer for every reader would end a real
      // scan early whenever the page is busy for 50 ms, while the keys' own time stamps say they came close together.
      if (!endWithoutTerminator) return;
      clearTimeout(idleTimer);
      const started = event.timeStamp;
      idleTimer = setTimeout(() => {
        const scan = reader.idle(started + gapMs + 1);
        if (scan) deliver(scan);
      }, gapMs + 1);
    };
    const onInput = (): void => inputMethodHold.arrived();
    const onCompositionStart = (): void => inputMethodHold.compositionStarted();
    const onCompositionEnd = (): void => inputMethodHold.compositionEnded();

    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('input', onInput, { capture: true });
    window.addEventListener('compositionstart', onCompositionStart, { capture: true });
    window.addEventListener('compositionend', onCompositionEnd, { capture: true });
    return () => {
      clearTimeout(idleTimer);
      inputMethodHold.flush();
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('input', onInput, { capture: true });
      window.removeEventListener('compositionstart', onCompositionStart, { capture: true });
      window.removeEventListener('compositionend', onCompositionEnd, { capture: true });
    };
  }, [enabled, maxGapMs, minLength, scanIntoEditableFields, endWithoutTerminator]);
}
