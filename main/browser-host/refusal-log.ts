// Refused sockets go in the log, but a flood of them (someone trying tokens) must not flood it: the first refusal in a
// quiet spell is logged at once, the rest of that spell as one line with the count and the last reason.
import type { Logger } from '../../app/logging/logger.ts';

export const REFUSAL_LOG_EVERY_MS = 10_000;

export function refusalLog(log: Logger, now: () => number = Date.now): (reason: string) => void {
  let windowStart = -Infinity;
  let held = 0;
  let lastReason = '';
  let timer: NodeJS.Timeout | null = null;

  const flush = (): void => {
    timer = null;
    if (held > 0) log.warn(`browser host: refused ${held} more sockets in ${REFUSAL_LOG_EVERY_MS / 1000} s (last: ${lastReason})`);
    held = 0;
  };

  return (reason) => {
    if (now() - windowStart >= REFUSAL_LOG_EVERY_MS) {
      windowStart = now();
      log.warn(`browser host: refused a socket: ${reason}`);
      return;
    }
    held += 1;
    lastReason = reason;
    if (!timer) {
      timer = setTimeout(flush, windowStart + REFUSAL_LOG_EVERY_MS - now());
      timer.unref();
    }
  };
}
