// The outbox over a real SQLite file: what submit accepts and refuses, what it writes before any network, and the
// guarantees of the event trail.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwardInputError } from '../../app/awards/award.ts';
import { Outbox, ReasonRequiredError } from '../../app/awards/outbox.ts';
import { transition, TransitionError } from '../../app/awards/transitions.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { BY_ID, BY_PHONE, sale } from '../fixtures/award-rig.ts';

let db: Db;
let dbPath: string;
let outbox: Outbox;
beforeEach(() => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'kaunter-outbox-')), 'awards.db');
  db = openDatabase(dbPath);
  outbox = new Outbox(db, 'T1');
});

const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('award.submit', () => {
  it('commits QUEUED, with its first event, before anything is sent: another connection sees it at once', () => {
    const { award } = outbox.submit(sale(1250, BY_PHONE, { receiptRef: 'R-001', pointsPreview: 12 }), 'cashier:Aina');
    const other = new Database(dbPath, { readonly: true });
    const row = other.prepare('SELECT state, amount_sen, phone_number, receipt_ref FROM awards WHERE id = ?').get(award.id);
    other.close();
    expect(row).toEqual({ state: 'QUEUED', amount_sen: 1250, phone_number: '172826990', receipt_ref: 'R-001' });
    expect(outbox.get(award.id)?.events).toMatchObject([{ from: null, to: 'QUEUED', actor: 'cashier:Aina' }]);
  });

  it('a second submit of the same sale id does nothing', () => {
    const id = '7d5c3a52-8f1e-4c7b-9a0e-2f6b1d3c4e5f';
    const first = outbox.submit(sale(500, BY_ID, { id }), 'cashier:Aina');
    const second = outbox.submit(sale(500, BY_ID, { id }), 'cashier:Aina');
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(count('awards')).toBe(1);
    expect(count('award_events')).toBe(1);
  });

  const bad: Array<[string, unknown, string]> = [
    ['a negative amount', sale(-100), 'amountSen'],
    ['a zero amount', sale(0), 'amountSen'],
    ['fractional sen', sale(12.5), 'amountSen'],
    ['a huge amount', sale(1e12), 'amountSen'],
    ['NaN', sale(Number.NaN), 'amountSen'],
    ['an amount as text', sale('12.50' as unknown as number), 'amountSen'],
    ['a malformed phone', sale(100, { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '12-34' }), 'member.phoneNumber'],
    ['a phone with its trunk 0', sale(100, { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '0172826990' }), 'member.phoneNumber'],
    ['an empty member ID', sale(100, { type: 'ID', memberId: '' }), 'member.memberId'],
    ['a member ID with a control character', sale(100, { type: 'ID', memberId: '123\u0007' }), 'member.memberId'],
    ['a cashier name with a control character', { ...sale(100), cashier: 'Ai\u0000na' }, 'cashier'],
    ['a receipt number with a newline', sale(100, BY_ID, { receiptRef: 'R1\nR2' }), 'receiptRef'],
    ['an unknown member type', sale(100, { type: 'EMAIL', email: 'a@b' }), 'member.type'],
    ['no member', { amountSen: 100, cashier: 'Aina' }, 'member'],
    ['not an object at all', 'hello', 'input'],
  ];
  for (const [what, input, field] of bad) {
    it(`refuses ${what} with a clear error naming ${field}, and writes nothing`, () => {
      let caught: unknown;
      try {
        outbox.submit(input, 'cashier:Aina');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AwardInputError);
      expect((caught as AwardInputError).field).toBe(field);
      expect((caught as AwardInputError).message.length).toBeGreaterThan(10);
      expect(count('awards')).toBe(0);
      expect(count('award_events')).toBe(0);
    });
  }
});

describe('the event trail', () => {
  it('is append-only: events cannot be edited or deleted', () => {
    const { award } = outbox.submit(sale(100), 'cashier:Aina');
    expect(() => db.prepare("UPDATE award_events SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM award_events').run()).toThrow(/append-only/);
    expect(outbox.get(award.id)?.events).toHaveLength(1);
  });

  it('a state cannot change without its event, even by hand in SQL', () => {
    const { award } = outbox.submit(sale(100), 'cashier:Aina');
    expect(() => db.prepare("UPDATE awards SET state = 'AWARDED' WHERE id = ?").run(award.id)).toThrow(/without an event/);
  });

  it('refuses transitions the state machine does not have, and changes nothing', () => {
    const { award } = outbox.submit(sale(100), 'cashier:Aina');
    expect(() => transition(db, award.id, ['QUEUED'], { to: 'AWARDED', actor: 'test' }, Date.now())).toThrow(TransitionError);
    expect(() => transition(db, award.id, ['UNKNOWN'], { to: 'VOIDED', actor: 'test' }, Date.now())).toThrow(/is QUEUED/);
    expect(outbox.get(award.id)?.award.state).toBe('QUEUED');
    expect(outbox.get(award.id)?.events).toHaveLength(1);
  });

  it('undo voids a queued award with who and why; only a queued one', () => {
    const { award } = outbox.submit(sale(100), 'cashier:Aina');
    expect(() => outbox.voidQueued(award.id, 'cashier:Aina', '  ')).toThrow(ReasonRequiredError);
    const voided = outbox.voidQueued(award.id, 'cashier:Aina', 'wrong customer');
    expect(voided).toMatchObject({ state: 'VOIDED', resolution: { by: 'cashier:Aina', reason: 'wrong customer' } });
    expect(() => outbox.voidQueued(award.id, 'cashier:Aina', 'again')).toThrow(TransitionError);
  });

  it('counts what is still owed an outcome', () => {
    outbox.submit(sale(100), 'cashier:Aina');
    outbox.submit(sale(200), 'cashier:Aina');
    expect(outbox.counts()).toEqual({ queued: 2, sending: 0, unknown: 0 });
    expect(outbox.pending().map((a) => a.amountSen)).toEqual([100, 200]);
  });
});
