// A scan made while a screen stands in for the sale (the shift summary, the manager's screens) has no sale to go into.
// It is not kept for later: after "End shift now" a kept card would wait in the member field for the next cashier and
// be awarded under them, most likely to a sale that is not that customer's. So the screen says plainly that the scan
// was not used and how to use it, until the screen closes. Listening here also takes a keyboard-mode scan's keys,
// so its Enter does not press whatever button has focus.
import { useState } from 'react';
import { useScans } from '../scanner/use-scans.ts';

export function ScanNotUsed({ message }: { message: string }) {
  const [scanned, setScanned] = useState(false);
  useScans(() => setScanned(true));
  if (!scanned) return null;
  return (
    <p className="notice notice-warn" role="alert" data-testid="scan-not-used">
      {message}
    </p>
  );
}
