// The manager marks the counter's refused news as seen, through the contract: refused to anyone without the manager's
// PIN; with it, the refusals up to the newest the screen counted stop counting (the answer is the new count, for the
// counter's pill, and every screen is told it), later ones count again, and the log says who marked them. History lists
// exactly the refusals counted. With the training sandbox on loopback refusing the member
// of an award it was sent after its sale, and the core's clock moved past the counter's wait rather than waited out.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, MethodOutput, Result } from '../../app/contract.ts';
import { makeCoreRig, type CoreRig } from '../fixtures/core-rig.ts';

type Refused = MethodOutput<'queue.refused'>;

const OTHER_SCREEN: Caller = { id: 'socket:other', role: 'counter' };
/** Past the counter's 8 s wait for RM (app/handlers/award.ts): a refusal after it was not said on the counter's screen. */
const PAST_THE_WAIT_MS = 10_000;

let rig: CoreRig | null = null;
/** The core's clock runs with the real one (RM checks request times), moved on to leave the counter's wait behind. */
let offsetMs = 0;

afterEach(async () => {
  await rig?.close();
  rig = null;
  offsetMs = 0;
});

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const answer = (await (rig as CoreRig).dispatch(method, input)) as Result<T>;
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
  return answer.value;
}

const refused = () => call<Refused>('queue.refused');

/** An award to a phone no member has, saved while RM is unreachable and refused (MEMBER_NOT_FOUND) when sent later. */
async function refusedAfterItsSale(): Promise<void> {
  const sandbox = (rig as CoreRig).training.sandbox;
  if (!sandbox) throw new Error('the training sandbox did not start');
  const before = (await refused()).count;
  await sandbox.refuseConnections(true);
  const { award } = await call<MethodOutput<'award.submit'>>('award.submit', {
    id: randomUUID(),
    amountSen: 990,
    member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '139998800' },
  });
  expect(award.state).toBe('QUEUED');
  offsetMs += PAST_THE_WAIT_MS;
  await sandbox.refuseConnections(false);
  await call('queue.retryNow');
  await expect.poll(async () => (await refused()).count, { timeout: 20_000 }).toBe(before + 1);
}

describe("the manager marks the counter's refused news seen", () => {
  it('is refused without the PIN; with it, clears the count up to what the screen counted, and later refusals count again', async () => {
    rig = await makeCoreRig({ now: () => Date.now() + offsetMs });
    await call('manager.setPin', { pin: '2468', managerName: 'Siti' });
    await call('settings.update', { setupComplete: true });
    await call('manager.lock');

    await refusedAfterItsSale();
    const before = await refused();
    expect(before.madeSinceMs).not.toBeNull();

    const upTo = { upToEvent: before.news.upToEvent };

    // Locked, on this screen or on another one: refused, and nothing is marked.
    expect(await rig.dispatch('queue.refusedSeen', upTo)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await rig.dispatchAs(OTHER_SCREEN, 'queue.refusedSeen', upTo)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await refused()).toEqual(before);

    // The manager unlocks here: another screen stays locked, and this one marks them.
    await call('manager.unlock', { pin: '2468' });
    expect(await rig.dispatchAs(OTHER_SCREEN, 'queue.refusedSeen', upTo)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const markedFrom = rig.core.now();
    const seen = await call<Refused>('queue.refusedSeen', upTo);
    expect(seen).toMatchObject({ count: 0, madeSinceMs: null });
    expect(seen.sinceMs).toBeGreaterThan(markedFrom);
    expect(await refused()).toEqual(seen);
    expect(rig.logLines.some((line) => line.includes("queue.refusedSeen: Siti marked the counter's refused awards seen (1 counted, 0 still new)"))).toBe(true);

    // A refusal after the mark is news again.
    await refusedAfterItsSale();
    expect(await refused()).toMatchObject({ count: 1, sinceMs: seen.sinceMs });
  });

  it('takes only what names an event; marks up to what the screen counted; tells every screen; History lists exactly them', async () => {
    rig = await makeCoreRig({ now: () => Date.now() + offsetMs });
    await call('manager.setPin', { pin: '2468', managerName: 'Siti' });
    await call('settings.update', { setupComplete: true });
    for (const input of [{}, { upToEvent: 0 }, { upToEvent: 1.5 }, { upToEvent: 2 ** 60 }, { upToEvent: '3' }, { upToEvent: 3, by: 'x' }]) {
      expect(await rig.dispatch('queue.refusedSeen', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }

    // Refused while the customer stood at the counter: said there, so neither counted nor listed.
    const told = await call<MethodOutput<'award.submit'>>('award.submit', {
      id: randomUUID(),
      amountSen: 500,
      member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '139998800' },
    });
    expect(told.award.state).toBe('REJECTED');
    await refusedAfterItsSale();
    const onScreen = await refused();
    expect(onScreen.count).toBe(1);
    const listed = await call<MethodOutput<'history.page'>>('history.page', { filter: { refusedNews: onScreen.news }, cursor: null, limit: 50 });
    expect(listed.items.map((award) => award.amountSen)).toEqual([990]);

    // RM refuses another between the screen's count and the manager's click: it is still news after the mark.
    await refusedAfterItsSale();
    const events = rig.events.length;
    const seen = await call<Refused>('queue.refusedSeen', { upToEvent: onScreen.news.upToEvent });
    expect(seen.count).toBe(1);
    // Every screen hears the new count, not only the one that marked.
    expect(rig.events.slice(events).filter(({ event }) => event === 'queue.refusedChanged')).toEqual([{ event: 'queue.refusedChanged', payload: seen }]);
  });
});
