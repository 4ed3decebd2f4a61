// The counter's reconciliation asks the hub for the chain's other awards to the same member: a credit that another
// counter's award explains is not evidence that this award was applied.
import type { ChainNeighbours } from '../awards/reconcile.ts';
import type { HubClient } from './hub-client.ts';

/**
 * `catchUp` sends the hub what it has not got yet. The hub answers only about an award it already has from this
 * terminal, in that award's own window as the hub has it, and a manager may look at one before the pusher has sent it
 * or its latest attempt (a moment after it went UNKNOWN, or with a backlog just after joining): then it is sent first and
 * the hub asked again, if the sending is done within `catchUpMs` (a manager waits on the Review tab; the command line
 * waits for it however long it takes).
 */
export function hubNeighbours(client: HubClient, catchUp: () => Promise<unknown>, catchUpMs = Infinity): ChainNeighbours {
  return async (award, window) => {
    if (award.member.type === 'QRCODE') return [];
    const request = { awardId: award.id, member: award.member, fromMs: window.fromMs, toMs: window.toMs };
    let answer = await client.neighbours(request);
    if (answer.kind === 'refused' && answer.code === 'AWARD_NOT_SENT' && (await withinMs(catchUp(), catchUpMs))) {
      answer = await client.neighbours(request);
    }
    // Unreachable, or the award not there in time: the manager still sees this terminal's own neighbours, as before
    // the chain had a hub.
    if (answer.kind !== 'ok') return [];
    return answer.value.items.map(({ id, state, pointsPreview, pointsConfirmed, createdAt, outlet, terminal }) => ({
      id,
      state,
      pointsPreview,
      createdAt,
      place: { outlet, terminal },
      ...(pointsConfirmed === undefined ? {} : { pointsConfirmed }),
    }));
  };
}

/** Whether `work` settled within `ms` (it goes on regardless: a push is never cut short). */
async function withinMs(work: Promise<unknown>, ms: number): Promise<boolean> {
  const settled = work.then(() => true, () => true);
  if (ms === Infinity) return settled;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
