// Contract fuzz: thousands of random and hostile payloads per method, through the same dispatcher Electron main and the
// browser host use, with the core in this process and in its own (where the host checks each call and answer again).
// Nothing may crash, and every answer must be a typed error or a result its output schema accepts. INTERNAL is not an
// acceptable answer: it is what the dispatcher says when a handler threw something nobody meant; nor is UNAVAILABLE,
// since the core never restarts here. Random payloads rarely get past a method's schema, so each method also gets
// payloads shaped to its input, and the test checks that every handler was really reached: a handler that throws
// cannot hide behind BAD_REQUEST.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, ERROR_CODES, METHOD_NAMES, type MethodInput, type MethodName, type Result } from '../../app/contract.ts';
import { AWARD_STATES } from '../../app/awards/award.ts';
import { MAX_AMOUNT_SEN } from '../../app/common/money.ts';
import { checkCall } from '../../app/contract-check.ts';
import { CONTRACT_RIGS, TEST_CALLER, type ContractRig } from '../fixtures/core-rig.ts';
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

/** Calls that got past the method's schema and access check, so its handler ran, by method. */
type Reached = Map<string, number>;

type Shaped = { [M in MethodName]: { payloads: fc.Arbitrary<MethodInput<M>>; runs: number } };

/**
 * For every method, payloads its input schema accepts: unknown ids, odd filters, every state and decision, members of
 * each kind. Typed against the contract, so a new method cannot be left out. Ordered so a cashier is chosen before the
 * awards (which then go all the way to the training sandbox) and the calls that change who is in (a new PIN, a lock)
 * come last; the calls that check a PIN or code (each a deliberate scrypt) run only a few times.
 */
function shapedPayloads(): Shaped {
  const none = { payloads: fc.constant({}), runs: 3 };
  const id = fc.uuid();
  const sen = fc.integer({ min: 1, max: MAX_AMOUNT_SEN });
  const text = (maxLength: number) => fc.string({ minLength: 1, maxLength });
  const member = fc.oneof(
    fc.record({ type: fc.constant('ID' as const), memberId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) }),
    fc.record({ type: fc.constant('PHONENUMBER' as const), countryCode: fc.constant('60'), phoneNumber: fc.stringMatching(/^1[0-9]{8,9}$/) }),
    fc.record({ type: fc.constant('PHONENUMBER' as const), countryCode: fc.constantFrom('65', '62', '1'), phoneNumber: fc.stringMatching(/^\d{4,14}$/) }),
    fc.constant({ type: 'QRCODE' as const }),
  );
  const states = fc.subarray([...AWARD_STATES]);
  const filter = fc.record(
    {
      fromMs: fc.nat(),
      toMs: fc.nat(),
      states,
      cashier: text(20),
      member: text(20),
      receipt: text(20),
      refusedNews: fc.record({ refusedFromMs: fc.nat(), toldWithinMs: fc.nat(), afterEvent: fc.nat(), upToEvent: fc.nat() }),
    },
    { requiredKeys: [] },
  );
  const pin = fc.stringMatching(/^\d{4,8}$/);
  const reason = text(50).filter((value) => value.trim().length > 0);
  return {
    'app.info': none,
    'settings.get': none,
    'settings.update': {
      payloads: fc.record(
        {
          storeName: fc.string({ maxLength: 60 }),
          terminalName: fc.string({ maxLength: 60 }),
          retentionDays: fc.option(fc.integer({ min: 30, max: 3650 }), { nil: null }),
          sounds: fc.boolean(),
          scannerMode: fc.constantFrom('hid', 'keyboard'),
          scanner: fc.option(fc.record({ vendorId: fc.integer({ min: 0, max: 0xffff }), productId: fc.integer({ min: 0, max: 0xffff }) }), { nil: null }),
          receiptPattern: fc.option(fc.constantFrom('R\\d{6}', '[A-Z]{2}-\\d+', '(a|a)+b', '(?=x)x'), { nil: null }),
        },
        { requiredKeys: [] },
      ),
      runs: 50,
    },
    'settings.setLanguage': { payloads: fc.record({ language: fc.constantFrom('en', 'ms', 'zh') }), runs: 10 },
    'shift.current': none,
    'shift.start': { payloads: fc.record({ cashier: text(60).filter((value) => value.trim().length > 0) }), runs: 20 },
    'shift.end': none,
    'shift.summary': { payloads: fc.record({ id: fc.integer({ min: 1, max: 50 }) }), runs: 20 },
    'shift.exportCsv': { payloads: fc.record({ id: fc.integer({ min: 1, max: 50 }) }), runs: 5 },
    'shift.list': { payloads: fc.record({ filter: fc.record({ fromMs: fc.nat(), toMs: fc.nat(), cashier: text(20) }, { requiredKeys: [] }), limit: fc.integer({ min: 1, max: 500 }) }), runs: 20 },
    'shift.exportListCsv': { payloads: fc.record({ filter: fc.record({ fromMs: fc.nat(), cashier: text(20) }, { requiredKeys: [] }) }), runs: 5 },
    'award.preview': { payloads: fc.record({ amountSen: sen, member }, { requiredKeys: ['amountSen'] }), runs: 100 },
    'award.submit': { payloads: fc.record({ id, amountSen: sen, member, receiptRef: fc.option(fc.stringMatching(/^[A-Z0-9-]{1,20}$/), { nil: undefined }) }, { requiredKeys: ['id', 'amountSen', 'member'] }), runs: 100 },
    'award.checkReceipt': { payloads: fc.record({ receiptRef: fc.oneof(fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), text(70)) }), runs: 50 },
    'award.undo': { payloads: fc.record({ id, reason }, { requiredKeys: ['id'] }), runs: 50 },
    'award.get': { payloads: fc.record({ id }), runs: 50 },
    'queue.status': none,
    'queue.retryNow': none,
    'queue.refused': none,
    'queue.refusedSeen': { payloads: fc.record({ upToEvent: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }) }), runs: 20 },
    'history.page': { payloads: fc.record({ filter, cursor: fc.option(fc.base64String({ maxLength: 40 })), limit: fc.integer({ min: 1, max: 500 }) }), runs: 100 },
    'history.totals': { payloads: fc.record({ filter }), runs: 100 },
    'history.exportCsv': { payloads: fc.record({ filter }), runs: 10 },
    'manager.status': none,
    'manager.newRecoveryCode': { payloads: fc.record({ currentPin: pin }), runs: 2 },
    'manager.unknownAwards': none,
    'manager.evidence': { payloads: fc.record({ id }), runs: 50 },
    'manager.resolve': { payloads: fc.record({ id, decision: fc.constantFrom('credited', 'resend', 'void'), reason }), runs: 100 },
    'manager.cancelQr': { payloads: fc.record({ id, reason }), runs: 50 },
    'manager.showClaimQr': { payloads: fc.record({ id }), runs: 20 },
    'credentials.status': none,
    'credentials.set': { payloads: fc.record({ clientId: text(40), clientSecret: text(40), privateKeyPem: fc.string({ maxLength: 100 }) }, { requiredKeys: [] }), runs: 20 },
    'credentials.generateKey': none,
    'credentials.test': none,
    'credentials.delete': none,
    'hub.status': none,
    'hub.join': { payloads: fc.record({ url: fc.constantFrom('http://127.0.0.1:9/', 'https://hub.invalid', 'not a url'), code: fc.stringMatching(/^[A-Z0-9]{4,12}$/) }), runs: 10 },
    'hub.merge': none,
    'hub.lastMerge': none,
    'scanner.status': none,
    'scanner.devices': none,
    'scanner.parse': { payloads: fc.record({ text: text(200) }), runs: 300 },
    'manager.unlock': { payloads: fc.record({ pin }), runs: 3 },
    'manager.recover': { payloads: fc.record({ recoveryCode: fc.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/), pin, managerName: fc.constant('Siti') }, { requiredKeys: ['recoveryCode', 'pin'] }), runs: 3 },
    'manager.setPin': { payloads: fc.record({ pin, managerName: fc.constant('Siti'), currentPin: pin }, { requiredKeys: ['pin', 'managerName'] }), runs: 2 },
    'manager.lock': none,
    'display.counterView': {
      payloads: fc.oneof(fc.constant({ kind: 'idle' as const }), fc.record({ kind: fc.constant('sale' as const), amountSen: sen }), fc.record({ kind: fc.constant('award' as const), awardId: id })),
      runs: 30,
    },
    'display.setup': none,
    'display.chooseMonitor': { payloads: fc.record({ monitorId: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }) }), runs: 10 },
    'display.pairingCode': none,
  };
}

function checkAnswer(method: string, answer: Result<unknown>, payload: unknown, reached: Reached): void {
  if (checkCall(TEST_CALLER, method, payload).ok && (answer.ok || answer.error.code !== 'LOCKED')) reached.set(method, (reached.get(method) ?? 0) + 1);
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
  const reached: Reached = new Map();
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
      for (const payload of hostilePayloads()) checkAnswer(method, await rig.dispatch(method, payload), payload, reached);
      await fc.assert(
        fc.asyncProperty(fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }), async (payload) => {
          checkAnswer(method, await rig.dispatch(method, payload), payload, reached);
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
      for (const payload of hostilePayloads()) checkAnswer(method, await rig.dispatch(method, payload), payload, reached);
      await fc.assert(
        fc.asyncProperty(fc.anything({ maxDepth: 3 }), async (payload) => checkAnswer(method, await rig.dispatch(method, payload), payload, reached)),
        { numRuns: 200 },
      );
    }
  });

  it('payloads shaped to each method\'s input reach every handler, and each answers in its schema or a typed refusal', async () => {
    for (const [method, { payloads, runs }] of Object.entries(shapedPayloads())) {
      await fc.assert(fc.asyncProperty(payloads, async (payload) => checkAnswer(method, await rig.dispatch(method, payload), payload, reached)), { numRuns: runs });
    }
    // Hundreds of awards written and sent, and a few deliberately slow PIN checks: seconds on a loaded machine.
  }, 120_000);

  it('hundreds of calls at once, across methods, all answered', async () => {
    const calls = Array.from({ length: 300 }, (_, i) => {
      const method = METHOD_NAMES[i % METHOD_NAMES.length] as MethodName;
      const payload = i % 3 === 0 ? {} : i % 3 === 1 ? { id: crypto.randomUUID() } : { pin: String(i) };
      return rig.dispatch(method, payload).then((answer) => checkAnswer(method, answer, payload, reached));
    });
    await Promise.all(calls);
  });

  it('every method\'s handler was reached by a payload its schema accepts', () => {
    expect(METHOD_NAMES.filter((method) => !reached.get(method))).toEqual([]);
  });

  it('the core still works after all that', async () => {
    const info = await rig.dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { environment: 'training' } });
    expect(rig.logLines.filter((line) => line.includes('outside its schema') || line.includes(' dispatch:'))).toEqual([]);
  });
});
