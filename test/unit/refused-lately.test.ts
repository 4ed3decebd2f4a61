// The counter's count of awards RM refused after the sale: only refusals no cashier saw on the screen, from the start of
// the shift before the terminal's latest (the cashier who served, and the next one). On a real SQLite file, with the
// outbox's, the shifts' and the transitions' own code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { refusedLately } from '../../app/awards/refused-lately.ts';
import { transition } from '../../app/awards/transitions.ts';
import { ShiftBook } from '../../app/shifts/shifts.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';

/** 2026-12-03 09:00 in the shop (UTC+8). */
const MORNING = Date.UTC(2026, 11, 3, 1, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const COUNTER_WAIT_MS = 8_000;

let dir: string;
let db: Db;
let clock: number;
let outbox: Outbox;
let shifts: ShiftBook;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaunter-refused-'));
  db = openDatabase(join(dir, 'awards.db'));
  clock = MORNING;
  outbox = new Outbox(db, 'T1', () => clock);
  shifts = new ShiftBook({ db, terminalId: 'T1', now: () => clock, onChange: () => undefined });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An award made now, as the cashier on shift (or the terminal), refused by RM `after` ms later. */
function refusedAfter(after: number): void {
  const cashier = shifts.current()?.cashier ?? 'Terminal 1';
  const { award } = outbox.submit({ amountSen: 990, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '139998800' }, cashier }, `cashier:${cashier}`);
  clock += after;
  transition(db, award.id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, clock);
  transition(db, award.id, ['SENDING'], { to: 'REJECTED', actor: 'relay', errorCode: 'MEMBER_NOT_FOUND', reason: 'Member not found' }, clock);
}

const counted = () => refusedLately(db, shifts.latest(), clock, COUNTER_WAIT_MS);

describe('awards refused after the sale, for the counter', () => {
  it('counts a refusal that came after the counter stopped waiting, not one the submit itself answered', () => {
    shifts.start('Aina');
    refusedAfter(2_000);
    refusedAfter(COUNTER_WAIT_MS);
    expect(counted().count).toBe(0);
    refusedAfter(COUNTER_WAIT_MS + 1);
    refusedAfter(40 * MINUTE);
    expect(counted()).toEqual({ count: 2, sinceMs: MORNING });
  });

  it("stays through the shift it came in and the next cashier's, then gives way", () => {
    shifts.start('Aina');
    clock += HOUR;
    refusedAfter(HOUR);
    clock += HOUR;
    const ben = shifts.start('Ben').startedAt;
    expect(counted()).toEqual({ count: 1, sinceMs: MORNING });
    clock += HOUR;
    shifts.end();
    // Nobody at the counter yet: the shift that just ended is still the latest, so the window holds.
    expect(counted()).toEqual({ count: 1, sinceMs: MORNING });
    clock += HOUR;
    shifts.start('Aina');
    expect(counted()).toEqual({ count: 0, sinceMs: ben });
    refusedAfter(HOUR);
    expect(counted()).toEqual({ count: 1, sinceMs: ben });
  });

  it("reads the window from this terminal's shifts only, not those another terminal id left in the database", () => {
    // Shifts kept under another id (the terminal id is a setting), started between this terminal's two.
    const other = new ShiftBook({ db, terminalId: 'T2', now: () => clock, onChange: () => undefined });
    shifts.start('Aina');
    clock += HOUR;
    refusedAfter(HOUR);
    clock += HOUR;
    other.start('Chong');
    clock += HOUR;
    shifts.start('Ben');
    expect(counted()).toEqual({ count: 1, sinceMs: MORNING });
  });

  it("without shifts (a shop with no cashier list), counts from the start of the shop's day", () => {
    refusedAfter(HOUR);
    // 23:59 the same shop day, then 00:00 the next.
    clock = Date.UTC(2026, 11, 3, 15, 59, 0);
    expect(counted()).toEqual({ count: 1, sinceMs: Date.UTC(2026, 11, 2, 16, 0, 0) });
    clock += MINUTE;
    expect(counted()).toEqual({ count: 0, sinceMs: Date.UTC(2026, 11, 3, 16, 0, 0) });
  });
});
