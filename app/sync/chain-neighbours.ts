// The counter's reconciliation asks the hub for the chain's other awards to the same member: a credit that another
// counter's award explains is not evidence that this award was applied.
import type { ChainNeighbours } from '../awards/reconcile.ts';
import type { HubClient } from './hub-client.ts';

export function hubNeighbours(client: HubClient): ChainNeighbours {
  return async (award, window) => {
    if (award.member.type === 'QRCODE') return [];
    const answer = await client.neighbours({ awardId: award.id, member: award.member, fromMs: window.fromMs, toMs: window.toMs });
    // Unreachable: the manager still sees this terminal's own neighbours, as before the chain had a hub.
    if (answer.kind !== 'ok') return [];
    return answer.value.items.map(({ id, state, pointsPreview, pointsConfirmed, createdAt }) => ({ id, state, pointsPreview, createdAt, ...(pointsConfirmed === undefined ? {} : { pointsConfirmed }) }));
  };
}
