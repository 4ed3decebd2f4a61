// The attempt times a counter pushes are its own word. A leaked credential can push a made-up award to any member with
// any sale date and attempts as far apart as it likes; the hub still answers its neighbours only around when the hub
// itself took that award, while an honest award queued offline for a week and then sent sees the awards made around
// its send.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceWindow, sendSpan } from '../../app/awards/rm-evidence.ts';
import type { HubClient } from '../../app/sync/hub-client.ts';
import { SYNC_PROTOCOL, type PushBatch, type WireAward } from '../../app/sync/wire.ts';
import { joinedClient } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const DAY_MS = 86_400_000;
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
});
afterAll(async () => rig?.close());

interface Made {
  id: string;
  createdAt: number;
  memberId: string;
  /** When each attempt started, as the counter says. */
  sentAt: number[];
}

/** A counter joined to the hub that pushes the awards it is given, one event each, as its wire batches say them. */
async function counter(outlet: string, terminal: string): Promise<{ client: HubClient; push: (awards: Made[]) => Promise<void> }> {
  const { client } = await joinedClient(rig, outlet, terminal);
  let after = 0;
  const push = async (awards: Made[]) => {
    const batch: PushBatch = {
      protocol: SYNC_PROTOCOL,
      after,
      events: awards.map((made, index) => ({ seq: after + index + 1, awardId: made.id, at: made.createdAt, from: null, to: 'QUEUED', actor: 'cashier:Aina', reason: null, errorCode: null })),
      awards: awards.map((made, index) => wireAward(made, after + index + 1)),
    };
    const answer = await client.push(batch);
    if (answer.kind !== 'ok') throw new Error(answer.message);
    after = answer.value.ackedSeq;
  };
  return { client, push };
}

function wireAward({ id, createdAt, memberId, sentAt }: Made, lastEventSeq: number): WireAward {
  return {
    id, createdAt, terminalLabel: 'till', cashier: 'Aina', receiptRef: null, amountSen: 1_000, member: { type: 'ID', memberId },
    pointsPreview: 10, pointsConfirmed: false, state: 'QUEUED', rmItemId: null, qrCodeUrl: null, claimedAt: null, lastError: null,
    resolution: null, updatedAt: sentAt.at(-1) ?? createdAt, lastEventSeq,
    attempts: sentAt.map((startedAt, index) => ({
      number: index + 1, nonce: `n${index + 1}`, timestamp: String(Math.floor(startedAt / 1000)), startedAt, outcome: 'notApplied', errorCode: null, finishedAt: startedAt + 1_000,
    })),
  };
}

function made(memberId: string, createdAt: number, sentAt: number[] = [createdAt + 1_000]): Made {
  return { id: randomUUID(), createdAt, memberId, sentAt };
}

describe('a terminal\'s neighbours window', () => {
  it('stays around when the hub took a made-up award, whatever sale and attempts the terminal pushed with it', async () => {
    const now = Date.now();
    const sale = now - 100 * DAY_MS;
    const member = 'M-7001';
    // The member's awards at another outlet: a month before the made-up sale, a day after it, a month ago, two days ago.
    const klang = await counter('Klang', 'Till 1');
    const saleMonthBefore = made(member, sale - 30 * DAY_MS);
    const saleDayAfter = made(member, sale + DAY_MS);
    const monthAgo = made(member, now - 30 * DAY_MS);
    const twoDaysAgo = made(member, now - 2 * DAY_MS);
    await klang.push([saleMonthBefore, saleDayAfter, monthAgo, twoDaysAgo]);

    // A leaked credential pushes an award to that member, sold 100 days ago, with attempts at the epoch and now, and
    // asks for all of it: it reads only the week and a day before the hub took it.
    const thief = await counter('Ipoh', 'Till 9');
    const madeUp = made(member, sale, [0, now]);
    await thief.push([madeUp]);
    const ask = () => thief.client.neighbours({ awardId: madeUp.id, member: { type: 'ID', memberId: member }, fromMs: 0, toMs: now });
    const answer = await ask();
    if (answer.kind !== 'ok') throw new Error(answer.message);
    expect(answer.value.items.map((item) => item.id)).toEqual([twoDaysAgo.id]);

    // An award the hub took before it kept those times is bounded by its sale: the day after it, not the month before.
    await rig.pool.query('UPDATE awards SET first_received_at = NULL, last_received_at = NULL WHERE id = $1', [madeUp.id]);
    const before = await ask();
    if (before.kind !== 'ok') throw new Error(before.message);
    expect(before.value.items.map((item) => item.id)).toEqual([saleDayAfter.id]);
  });

  it('still reaches an honest award queued offline for a week and sent just now, and the awards made around its send', async () => {
    const member = 'M-7002';
    const sentAt = Date.now() - 10 * 60_000;
    const offline = made(member, sentAt - 7 * DAY_MS, [sentAt]);
    // Meanwhile another outlet credits the member just after that send.
    const penang = await counter('Penang', 'Till 2');
    const aroundTheSend = made(member, sentAt + 60_000);
    await penang.push([aroundTheSend]);
    const johor = await counter('Johor', 'Till 3');
    await johor.push([offline]);

    const window = evidenceWindow(sendSpan(offline.createdAt, [{ startedAt: sentAt }], []));
    const answer = await johor.client.neighbours({ awardId: offline.id, member: { type: 'ID', memberId: member }, ...window });

    if (answer.kind !== 'ok') throw new Error(answer.message);
    expect(answer.value.items.map((item) => item.id)).toEqual([aroundTheSend.id]);
  });
});
