// Starting after a crash: an award found SENDING is settled by what was recorded before the process died.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { finishAttempt, recoverInterruptedSends, startAttempt } from '../../app/awards/attempts.ts';
import type { AttemptOutcome } from '../../app/awards/award.ts';
import { Outbox } from '../../app/awards/outbox.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { BY_ID, sale } from '../fixtures/award-rig.ts';

let db: Db;
let outbox: Outbox;
beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'kaunter-recovery-')), 'awards.db'));
  outbox = new Outbox(db, 'T1');
});

function sendingAward(member: unknown, recorded: { outcome: AttemptOutcome; code: string | null } | null): string {
  const { award } = outbox.submit(sale(500, member), 'cashier:Aina');
  const nonce = `nonce${Math.random().toString(36).slice(2)}`;
  startAttempt(db, award, { nonce, timestamp: '1700000000' }, Date.now(), false);
  if (recorded) finishAttempt(db, award.id, nonce, recorded.outcome, recorded.code, Date.now());
  return award.id;
}

describe('recovery of awards left SENDING', () => {
  it('no answer recorded: UNKNOWN, the attempt marked interrupted (never QUEUED)', () => {
    const id = sendingAward(BY_ID, null);
    expect(recoverInterruptedSends(db, Date.now())).toEqual([id]);
    const detail = outbox.get(id);
    expect(detail?.award).toMatchObject({ state: 'UNKNOWN', lastError: { code: 'INTERRUPTED' } });
    expect(detail?.attempts[0]?.outcome).toBe('interrupted');
    expect(detail?.events.at(-1)).toMatchObject({ from: 'SENDING', to: 'UNKNOWN', actor: 'system' });
  });

  it('an answer recorded before the stop decides, as the relay would have', () => {
    const success = sendingAward(BY_ID, { outcome: 'success', code: null });
    const notApplied = sendingAward(BY_ID, { outcome: 'notApplied', code: 'NETWORK_UNREACHABLE' });
    const maybe = sendingAward(BY_ID, { outcome: 'maybeApplied', code: 'RESPONSE_TIMEOUT' });
    const rejected = sendingAward(BY_ID, { outcome: 'rejected', code: 'MEMBER_NOT_FOUND' });
    const qrSuccess = sendingAward({ type: 'QRCODE' }, { outcome: 'success', code: null });
    recoverInterruptedSends(db, Date.now());
    expect(outbox.get(success)?.award.state).toBe('AWARDED');
    expect(outbox.get(notApplied)?.award).toMatchObject({ state: 'QUEUED', lastError: { code: 'NETWORK_UNREACHABLE' } });
    expect(outbox.get(maybe)?.award.state).toBe('UNKNOWN');
    expect(outbox.get(rejected)?.award).toMatchObject({ state: 'REJECTED', lastError: { code: 'MEMBER_NOT_FOUND' } });
    expect(outbox.get(qrSuccess)?.award.state).toBe('VOIDED');
    expect(outbox.get(success)?.events.at(-1)?.reason).toMatch(/recovered after a stop/);
  });

  it('a second claim of an award already being sent is refused: no second request can start', () => {
    const { award } = outbox.submit(sale(500), 'cashier:Aina');
    startAttempt(db, award, { nonce: 'first-nonce', timestamp: '1' }, Date.now(), false);
    expect(() => startAttempt(db, award, { nonce: 'second-nonce', timestamp: '1' }, Date.now(), false)).toThrow(/cannot become SENDING/);
    expect(outbox.get(award.id)?.attempts.map((a) => a.nonce)).toEqual(['first-nonce']);
  });
});
