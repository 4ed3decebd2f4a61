import { useEffect, useState } from 'react';

/** `clock`, read every `everyMs` while `running` (for countdowns such as a PIN lockout). */
export function useNow(everyMs: number, running: boolean, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!running) return undefined;
    setNow(clock());
    const timer = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, running, clock]);
  return now;
}
