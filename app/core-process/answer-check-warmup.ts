// The core checks each answer against the contract's schema before it sends it, and the host checks it again on arrival
// (issue 9: the same checks at both ends). V8 runs a check slowly its first few thousand times, before it has compiled
// it: a history page of 100 awards, checked in 0.2 ms once warm, held the host's event loop for 10-15 ms the first time
// and 2-3 ms for the next ten (core-process.bench.ts, when it paged history 40 times). And while the core's V8 compiles
// its own check, its compiler threads take CPU the host's loop then waits for. So once the core is open, each side
// checks made-up pages of awards, one small page per turn of its event loop, while no one waits on it; the manager's
// first pages then find the check compiled at both ends. The awards differ in the ways real ones do (member kinds,
// states, nulls), so the compiled check has already met each shape and does not fall back to the slow path on the first
// refusal or claim QR it sees.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { deserialize, serialize } from 'node:v8';
import { contract, type AwardView } from '../contract.ts';

/** Awards a page checks, per turn of the loop: small, so no one turn holds the loop for long even while cold. */
const AWARDS_PER_TURN = 20;
/** Enough checks for V8 to compile the award check fully (3,000 awards; measured: fewer left the first pages slow). */
const TURNS = 150;

const AT = Date.UTC(2026, 0, 15, 4, 30);

const SAMPLE_AWARDS: readonly AwardView[] = [
  {
    ...baseAward('AWARDED'),
    member: { type: 'ID', memberId: '1234567890' },
    pointsPreview: 12,
    pointsConfirmed: true,
    rmItemId: '1767000000000000000',
  },
  {
    ...baseAward('QUEUED'),
    member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '123456789' },
    receiptRef: null,
  },
  {
    ...baseAward('REJECTED'),
    member: { type: 'ID', memberId: '9876543210' },
    lastError: { code: 'MEMBER_NOT_FOUND', message: 'The member was not found.' },
  },
  {
    ...baseAward('AWARDED'),
    member: { type: 'QRCODE' },
    pointsPreview: 7,
    qrCodeUrl: 'https://rm.example/claim/abc',
    claimedAt: AT + 60_000,
  },
  {
    ...baseAward('VOIDED'),
    member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '198765432' },
    resolution: { by: 'Siti', at: AT + 3_600_000, reason: 'Customer returned the goods' },
  },
];

function baseAward(state: AwardView['state']): Omit<AwardView, 'member'> {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    createdAt: AT,
    terminalId: 'KAUNTER-1',
    cashier: 'Aisyah',
    receiptRef: 'R-000123',
    amountSen: 2_350,
    pointsPreview: null,
    pointsConfirmed: false,
    state,
    nextAttemptAt: AT,
    rmItemId: null,
    qrCodeUrl: null,
    claimedAt: null,
    lastError: null,
    resolution: null,
    updatedAt: AT,
  };
}

/**
 * A page as it arrives from the core: through V8's serializer, as a Node child's IPC and Electron's utility process
 * both carry it, so the check is compiled for the objects V8's deserializer makes (measured: with object literals
 * instead, the first 40 real pages took about a quarter more of the host's CPU).
 */
function samplePage(turn: number): unknown {
  const items = Array.from({ length: AWARDS_PER_TURN }, (_, i) => SAMPLE_AWARDS[(turn + i) % SAMPLE_AWARDS.length]);
  return deserialize(serialize({ items, nextCursor: turn % 2 === 0 ? null : `cursor-${turn}` }));
}

/** Checks the sample pages, one per turn of the event loop; resolves with how many passed the contract's check. */
export async function warmAnswerChecks(turns = TURNS): Promise<number> {
  const pageCheck = contract['history.page'].output;
  let passed = 0;
  for (let turn = 0; turn < turns; turn += 1) {
    if (pageCheck.safeParse(samplePage(turn)).success) passed += 1;
    await nextTurn();
  }
  return passed;
}
