// Starting after a crash: an award found SENDING may have reached RM, so it becomes UNKNOWN, never QUEUED.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { recoverInterruptedSends, startAttempt } from '../../app/awards/attempts.ts';
import { Outbox } from '../../app/awards/outbox.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { BY_ID, sale } from '../fixtures/award-rig.ts';

let db: Db;
let outbox: Outbox;
beforeEach(() => {
  db = openDatabase(join(mkdtempSync(join(tmpdir(), 'kaunter-recovery-')), 'awards.db'));
  outbox = new Outbox(db, 'T1');
});

function sendingAward(member: unknown = BY_ID): string {
  const { award } = outbox.submit(sale(500, member), 'cashier:Aina');
  startAttempt(db, award, { nonce: `nonce${Math.random().toString(36).slice(2)}`, timestamp: '1700000000' }, Date.now(), null);
  return award.id;
}

describe('recovery of awards left SENDING', () => {
  it('no answer recorded: UNKNOWN, the attempt marked interrupted (never QUEUED)', () => {
    const id = sendingAward();
    expect(recoverInterruptedSends(db, Date.now())).toEqual([id]);
    const detail = outbox.get(id);
    expect(detail?.award).toMatchObject({ state: 'UNKNOWN', lastError: { code: 'INTERRUPTED' } });
    expect(detail?.attempts[0]?.outcome).toBe('interrupted');
    expect(detail?.events.at(-1)).toMatchObject({ from: 'SENDING', to: 'UNKNOWN', actor: 'system' });
  });

  it('a token retry in flight: the refused first attempt is recorded, the second is interrupted, and the award is UNKNOWN', () => {
    const { award } = outbox.submit(sale(500), 'cashier:Aina');
    startAttempt(db, award, { nonce: 'first', timestamp: '1' }, Date.now(), null);
    startAttempt(db, award, { nonce: 'second', timestamp: '1' }, Date.now(), { nonce: 'first', outcome: 'notApplied', errorCode: 'TOKEN_EXPIRED', at: Date.now() });
    recoverInterruptedSends(db, Date.now());
    const detail = outbox.get(award.id);
    expect(detail?.attempts.map((a) => [a.nonce, a.outcome, a.errorCode])).toEqual([
      ['first', 'notApplied', 'TOKEN_EXPIRED'],
      ['second', 'interrupted', null],
    ]);
    expect(detail?.award.state).toBe('UNKNOWN');
  });

  it('a QUEUED award is left alone: it was never sent', () => {
    const { award } = outbox.submit(sale(500), 'cashier:Aina');
    expect(recoverInterruptedSends(db, Date.now())).toEqual([]);
    expect(outbox.get(award.id)?.award.state).toBe('QUEUED');
  });

  it('a second claim of an award already being sent is refused: no second request can start', () => {
    const { award } = outbox.submit(sale(500), 'cashier:Aina');
    startAttempt(db, award, { nonce: 'first-nonce', timestamp: '1' }, Date.now(), null);
    expect(() => startAttempt(db, award, { nonce: 'second-nonce', timestamp: '1' }, Date.now(), null)).toThrow(/cannot become SENDING/);
    expect(outbox.get(award.id)?.attempts.map((a) => a.nonce)).toEqual(['first-nonce']);
  });
});
