// award.preview is a counter method: anyone at the counter can call it with any phone number. It shows the member's
// first name and an initial, never the full name, and it limits look-ups so the counter cannot be used to read the
// loyalty list; the points preview itself always works. Through the real dispatcher and the training sandbox.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { counterName, LOOKUP_BURST, LOOKUP_REFILL_MS } from '../../app/awards/member-lookups.ts';
import { DEMO_MEMBERS } from '../../app/sandbox/index.ts';
import { CONTRACT_RIGS, makeCoreRig, type ContractRig } from '../fixtures/core-rig.ts';

type Preview = { points: number | null; member: { name: string | null; points: number | null } | null; memberProblem: string | null };

let rig: ContractRig | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await rig?.close();
  rig = null;
});

async function preview(open: ContractRig, phoneNumber: string): Promise<Preview> {
  const answer = await open.dispatch('award.preview', { amountSen: 1250, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber } });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as Preview;
}

describe.each(CONTRACT_RIGS)('award.preview at the counter, the core %s', (_name, makeRig) => {
  it('shows the first name and an initial, not the full name', async () => {
    rig = await makeRig();
    for (const member of DEMO_MEMBERS) {
      const shown = await preview(rig, member.phoneNumber);
      expect(shown.member?.name).toBe(counterName(member.name));
      expect(shown.member?.name).not.toBe(member.name);
      expect(shown.member?.points).toBeTypeOf('number');
    }
    expect(DEMO_MEMBERS.map((member) => counterName(member.name))).toEqual(['Nurul A.', 'Tan W.', 'Muthu R.', 'Siti H.', 'Lim M.']);
    expect([counterName('Cher'), counterName('  '), counterName(null), counterName('Ahmad bin Ismail')]).toEqual(['Cher', null, null, 'Ahmad I.']);
  });
});

// The clock the rate limit reads is this process's, so this one runs with the core here.
describe('award.preview at the counter, the core in this process', () => {

  it('limits member look-ups, says how long to wait, keeps the points preview, and allows more as time passes', async () => {
    rig = await makeCoreRig();
    let clock = performance.now();
    vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const strangers = Array.from({ length: LOOKUP_BURST }, (_, i) => `1${String(i).padStart(8, '0')}`);
    for (const phone of strangers) expect((await preview(rig, phone)).memberProblem).toMatch(/member/i);
    // The same number again is answered from memory, not counted.
    expect((await preview(rig, strangers[0] ?? '')).memberProblem).not.toMatch(/Too many/);

    const refused = await preview(rig, DEMO_MEMBERS[0]?.phoneNumber ?? '');
    expect(refused.member).toBeNull();
    expect(refused.memberProblem).toMatch(/Too many member look-ups at this counter\. The next one is possible in \d+ seconds/);
    expect(refused.points).toBe(12);

    clock += LOOKUP_REFILL_MS;
    expect((await preview(rig, DEMO_MEMBERS[0]?.phoneNumber ?? '')).member?.name).toBe('Nurul A.');
    expect((await preview(rig, DEMO_MEMBERS[1]?.phoneNumber ?? '')).memberProblem).toMatch(/Too many/);
  });

  it("the balance after an award is asked of RM and not counted: a sale cannot be made to read the loyalty list", async () => {
    rig = await makeCoreRig();
    vi.spyOn(performance, 'now').mockImplementation(() => 1_000);
    const nurul = DEMO_MEMBERS[0]?.phoneNumber ?? '';
    const before = (await preview(rig, nurul)).member?.points ?? -1;
    const strangers = Array.from({ length: LOOKUP_BURST - 1 }, (_, i) => `1${String(i).padStart(8, '0')}`);
    for (const phone of strangers) expect((await preview(rig, phone)).memberProblem).not.toMatch(/Too many/);
    expect((await preview(rig, '188888888')).memberProblem).toMatch(/Too many/);

    const member = { type: 'PHONENUMBER', countryCode: '60', phoneNumber: nurul };
    expect(await rig.dispatch('award.submit', { id: crypto.randomUUID(), amountSen: 1250, member })).toMatchObject({ ok: true, value: { award: { state: 'AWARDED' } } });
    // The counter's "new balance": RM's figure after the award (not the one remembered from before), though the allowance is spent.
    expect((await preview(rig, nurul)).member?.points).toBe(before + 12);
    expect((await preview(rig, nurul)).member?.points).toBe(before + 12);
    expect((await preview(rig, '188888889')).memberProblem).toMatch(/Too many/);
  });
});
