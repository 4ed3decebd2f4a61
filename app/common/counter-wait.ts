// How long the counter waits for RM's answer to a submit, and so which refusals the cashier heard at the counter and
// which came after the customer had gone. The core counts the late ones for the status bar and History's news; the
// counter's outcome panel tells them apart by the same rule, without waiting for the count to load.

/** How long the counter waits for RM before telling the cashier "still sending" and letting them carry on. */
export const COUNTER_WAIT_MS = 8_000;

/**
 * Refused more than the counter waits after it was made: said to no customer. A REJECTED award never changes again,
 * so its updatedAt is when RM refused it.
 */
export function refusedAfterWait(award: { state: string; createdAt: number; updatedAt: number }): boolean {
  return award.state === 'REJECTED' && award.updatedAt - award.createdAt > COUNTER_WAIT_MS;
}
