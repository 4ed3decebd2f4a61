// Every scan, whatever its road: HID scanners arrive as the core's `scan` event (already read as a member or receipt);
// keyboard-mode scanners are caught in the page and read by the core's scanner.parse. No field needs focus for either.
// The page reads typing as scans in keyboard mode, and in HID mode while a saved keyboard-mode scanner is plugged in:
// otherwise fast typing stays typing.
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { kaunter } from '../api.ts';
import { useStatusStore } from '../stores/status-store.ts';
import type { ScanIdentityView } from '../types.ts';
import { useKeystrokeScans, type ScanTarget } from './use-keystroke-scans.ts';

export interface ScanEvent {
  text: string;
  identity: ScanIdentityView;
  source: 'hid' | 'keyboard';
  /** The fields the scan's keys were typed into (keyboard mode) and their text before them, so they can be taken out. */
  typedInto: ScanTarget[];
}

/** `enabled`: false while another listener hears the scans in this one's place (a screen that claimed them). */
export function useScans(onScan: (scan: ScanEvent) => void, enabled = true): void {
  const { t } = useTranslation();
  const handler = useRef(onScan);
  handler.current = onScan;
  const keystrokes = useStatusStore((state) => state.settings?.keystrokes);
  const readsTyping = useStatusStore((state) => state.settings?.scannerMode === 'keyboard' || state.scanner?.hid.typingScanner === true);

  // Listening from the moment the screen is on the page, as its claim is (scan-claim.ts).
  useLayoutEffect(() => {
    if (!enabled) return undefined;
    return kaunter().on('scan', (payload) => {
      handler.current({ text: payload.text, identity: payload.identity, source: 'hid', typedInto: [] });
    });
  }, [enabled]);

  useKeystrokeScans((scan, typedInto) => {
    // The code went into the input method, not the page: nothing to read, and the cashier is told why (in the words
    // of the language on screen, as a scan the core could not read is).
    if (scan.throughInputMethod) {
      handler.current({ text: '', identity: { type: 'unrecognised', reason: t('shell.scanInputMethod'), code: '', params: {} }, source: 'keyboard', typedInto });
      return;
    }
    void kaunter()
      .scanner.parse({ text: scan.text.slice(0, 500) })
      .then((result) => {
        const identity: ScanIdentityView = result.ok ? result.value : { type: 'unrecognised', reason: result.error.message, code: result.error.key ?? '', params: result.error.params ?? {} };
        handler.current({ text: scan.text, identity, source: 'keyboard', typedInto });
      });
  }, readsTyping && enabled, keystrokes);
}
