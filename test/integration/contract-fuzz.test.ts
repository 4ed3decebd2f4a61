// Contract fuzz: thousands of random and hostile payloads per method, through the same dispatcher Electron main and the
// browser host use, with the core in this process and in its own (where the host checks each call and answer again).
// Nothing may crash, and every answer must be a typed error or a result its output schema accepts. INTERNAL is not an
// acceptable answer: it is what the dispatcher says when a handler threw something nobody meant; nor is UNAVAILABLE,
// since the core never restarts here.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, ERROR_CODES, METHOD_NAMES, type MethodName, type Result } from '../../app/contract.ts';
import { CONTRACT_RIGS, type ContractRig } from '../fixtures/core-rig.ts';
import { MESSAGES } from '../../app/messages.ts';

const ACCEPTABLE_CODES = ERROR_CODES.filter((code) => code !== 'INTERNAL' && code !== 'UNAVAILABLE');
const RUNS_PER_METHOD = Number(process.env.KAUNTER_FUZZ_RUNS ?? 1000);

// Payloads aimed at the usual holes: prototype pollution, getters, absurd sizes and depths, wrong types everywhere.
function hostilePayloads(): unknown[] {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 5_000; i += 1) cursor = (cursor.next = {});
  return [
    undefined,
    null,
    0,
    -1,
    Number.NaN,
    'a string',
    [],
    [{}],
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    { id: '00000000-0000-4000-8000-000000000000', amountSen: 2 ** 60, member: { type: 'ID', memberId: 'x'.repeat(100_000) } },
    { id: '00000000-0000-4000-8000-000000000000', amountSen: 100, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '17\u0000282' } },
    { amountSen: '1250', member: 'ID:123' },
    { text: '\ud800'.repeat(10) },
    { filter: { fromMs: -1, states: ['NOPE'] }, cursor: '\u0000', limit: 1e9 },
    { pin: '1'.repeat(1_000_000) },
    { privateKeyPem: '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----' },
    Object.defineProperty({}, 'amountSen', { enumerable: true, get: () => { throw new Error('getter trap'); } }),
    deep,
    new Array(100_000).fill(1),
  ];
}

function checkAnswer(method: string, answer: Result<unknown>): void {
  expect(typeof answer.ok).toBe('boolean');
  if (answer.ok) {
    expect(contract[method as MethodName].output.safeParse(answer.value).success, `${method} result`).toBe(true);
  } else {
    expect(ACCEPTABLE_CODES, `${method} answered ${answer.error.code}: ${answer.error.message}`).toContain(answer.error.code);
    expect(answer.error.message.length).toBeGreaterThan(5);
    // Every refusal names its message's code, so each language can say it (not only English).
    expect(MESSAGES, `${method} answered ${answer.error.code} without a known code`).toHaveProperty([answer.error.key ?? 'no key']);
  }
}

describe.each(CONTRACT_RIGS)('contract fuzz, the core %s', (_name, makeRig) => {
  let rig: ContractRig;
  beforeAll(async () => {
    rig = await makeRig();
  });
  afterAll(async () => rig?.close());

  it('unknown and hostile method names are refused as UNKNOWN_METHOD', async () => {
    for (const name of ['', 'award', 'award.', '__proto__', 'constructor', 'toString', 'award.submit ', 'AWARD.SUBMIT', 42, null, {}, ['award.submit']]) {
      const answer = await rig.dispatch(name, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    await fc.assert(
      fc.asyncProperty(fc.string(), async (name) => {
        fc.pre(!(METHOD_NAMES as string[]).includes(name));
        expect((await rig.dispatch(name, {})).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  for (const method of METHOD_NAMES) {
    it(`${method}: ${RUNS_PER_METHOD} random payloads and the hostile set, each a typed answer`, async () => {
      for (const payload of hostilePayloads()) checkAnswer(method, await rig.dispatch(method, payload));
      await fc.assert(
        fc.asyncProperty(fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }), async (payload) => {
          checkAnswer(method, await rig.dispatch(method, payload));
        }),
        { numRuns: RUNS_PER_METHOD },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('with the manager unlocked, the manager methods take random and hostile payloads too', async () => {
    expect(await rig.dispatch('manager.setPin', { pin: '2468', managerName: 'Siti' })).toMatchObject({ ok: true, value: { unlocked: true } });
    const managerMethods = METHOD_NAMES.filter((m) => contract[m].access !== 'counter');
    for (const method of managerMethods) {
      for (const payload of hostilePayloads()) checkAnswer(method, await rig.dispatch(method, payload));
      await fc.assert(
        fc.asyncProperty(fc.anything({ maxDepth: 3 }), async (payload) => checkAnswer(method, await rig.dispatch(method, payload))),
        { numRuns: 200 },
      );
    }
    // Schema-shaped requests reach the handlers themselves: unknown ids, odd filters, every state and decision.
    const id = fc.uuid();
    const shaped: Array<[string, fc.Arbitrary<unknown>]> = [
      ['manager.evidence', fc.record({ id })],
      ['manager.resolve', fc.record({ id, decision: fc.constantFrom('credited', 'resend', 'void'), reason: fc.string({ minLength: 1, maxLength: 50 }) })],
      ['manager.cancelQr', fc.record({ id, reason: fc.string({ minLength: 1, maxLength: 50 }) })],
      ['award.get', fc.record({ id })],
      ['award.undo', fc.record({ id })],
      ['history.page', fc.record({ filter: fc.record({ member: fc.string({ minLength: 1, maxLength: 20 }), states: fc.subarray(['QUEUED', 'AWARDED', 'UNKNOWN']) }, { requiredKeys: [] }), cursor: fc.option(fc.base64String({ maxLength: 40 })), limit: fc.integer({ min: 1, max: 500 }) })],
      ['history.totals', fc.record({ filter: fc.record({ fromMs: fc.nat(), toMs: fc.nat(), cashier: fc.string({ minLength: 1, maxLength: 20 }) }, { requiredKeys: [] }) })],
      ['scanner.parse', fc.record({ text: fc.string({ minLength: 1, maxLength: 200 }) })],
    ];
    for (const [method, payloads] of shaped) {
      await fc.assert(fc.asyncProperty(payloads, async (payload) => checkAnswer(method, await rig.dispatch(method, payload))), { numRuns: 300 });
    }
  });

  it('hundreds of calls at once, across methods, all answered', async () => {
    const calls = Array.from({ length: 300 }, (_, i) => {
      const method = METHOD_NAMES[i % METHOD_NAMES.length] as MethodName;
      const payload = i % 3 === 0 ? {} : i % 3 === 1 ? { id: crypto.randomUUID() } : { pin: String(i) };
      return rig.dispatch(method, payload).then((answer) => checkAnswer(method, answer));
    });
    await Promise.all(calls);
  });

  it('the core still works after all that', async () => {
    const info = await rig.dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { environment: 'training' } });
    expect(rig.logLines.filter((line) => line.includes('outside its schema') || line.includes(' dispatch:'))).toEqual([]);
  });
});
