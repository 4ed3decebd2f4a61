// A screen with its own words for a scan (the manager's PIN pad) hears every scan itself while it is up, and the shell's
// "scan not used" steps aside: the cashier reads one message, the screen's, rather than two at once that say different
// things. The screen listens on its own rather than through the shell's notice, which is not there on every screen
// the pad comes up on (Settings, whose own test scan listens in its place while it is unlocked).
import { useLayoutEffect } from 'react';
import { create } from 'zustand';
import { useScans, type ScanEvent } from './use-scans.ts';

const useScanClaims = create<{ claims: number }>()(() => ({ claims: 0 }));

/**
 * While mounted and `enabled`, every scan goes to `onScan`, and none to the shell's notice. Claimed as the screen is
 * put on the page (a layout effect), not a frame later: a scan in between went to the notice, which the claim then
 * hid, and the screen never heard it (CI run R).
 */
export function useClaimScans(onScan: (scan: ScanEvent) => void, enabled: boolean): void {
  useLayoutEffect(() => {
    if (!enabled) return undefined;
    useScanClaims.setState(({ claims }) => ({ claims: claims + 1 }));
    return () => useScanClaims.setState(({ claims }) => ({ claims: claims - 1 }));
  }, [enabled]);
  useScans(onScan, enabled);
}

export function useScansClaimed(): boolean {
  return useScanClaims((state) => state.claims > 0);
}
