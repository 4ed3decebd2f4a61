// A screen with its own words for a scan (the manager's PIN pad) takes the scans the shell would call "not used": the
// cashier reads one message, the screen's, rather than two at once that say different things.
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { ScanEvent } from './use-scans.ts';

type ScanTaker = (scan: ScanEvent) => void;

const useScanClaim = create<{ taker: ScanTaker | null }>()(() => ({ taker: null }));

/** While mounted and `enabled`, scans that reach the shell's notice go to `onScan` instead. */
export function useClaimScans(onScan: ScanTaker, enabled: boolean): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!enabled) return undefined;
    const taker: ScanTaker = (scan) => handler.current(scan);
    useScanClaim.setState({ taker });
    return () => {
      if (useScanClaim.getState().taker === taker) useScanClaim.setState({ taker: null });
    };
  }, [enabled]);
}

export function useScansClaimed(): boolean {
  return useScanClaim((state) => state.taker !== null);
}

/** Hands the scan to the screen that claimed scans; false when none did. */
export function handToClaimant(scan: ScanEvent): boolean {
  const { taker } = useScanClaim.getState();
  taker?.(scan);
  return taker !== null;
}
