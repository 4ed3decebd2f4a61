// A promise that gives up waiting: for work that cannot be cancelled (a keychain call, a queued database write), the
// caller stops waiting at a deadline while the work itself goes on and settles unobserved.

/**
 * `work`'s outcome, or `late()` as a rejection once `ms` have passed. Promise.race handles `work`'s own outcome whenever
 * it comes, so a failure after the deadline leaves no unhandled rejection behind; the timer never outlives the race.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
