// A scan made while a screen stands in for the sale (the shift summary, the manager's screens) has no sale to go into.
// It is not kept for later: after "End shift now" a kept card would wait in the member field for the next cashier and
// be awarded under them, most likely to a sale that is not that customer's. So the screen says plainly that the scan
// was not used and how to use it, until the screen closes. Listening here also takes a keyboard-mode scan's keys,
// so its Enter does not press whatever button has focus. A screen with its own words for a scan (the PIN pad) hears
// the scans instead while it is up, and this notice stays away; a scan from before it came up is stale once it goes
// (the manager unlocked, and reads their screens now), so it is not said again.
import { useEffect, useState } from 'react';
import { useScansClaimed } from '../scanner/scan-claim.ts';
import { useScans } from '../scanner/use-scans.ts';

export function ScanNotUsed({ message }: { message: string }) {
  const [scanned, setScanned] = useState(false);
  const claimed = useScansClaimed();
  useScans(() => setScanned(true), !claimed);
  useEffect(() => {
    if (claimed) setScanned(false);
  }, [claimed]);
  if (!scanned || claimed) return null;
  return (
    <p className="notice notice-warn" role="alert" data-testid="scan-not-used">
      {message}
    </p>
  );
}
