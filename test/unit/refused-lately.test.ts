// The counter's count of awards RM refused after the sale: only refusals no cashier saw on the screen, from the start of
// the shift before the terminal's latest (the cashier who served, and the next one), and after the manager last marked
// them seen. On a real SQLite file, with the outbox's, the shifts' and the transitions' own code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwardHistory } from '../../app/awards/award-history.ts';
import { Outbox } from '../../app/awards/outbox.ts';
import { markRefusalsSeen, refusalsSeen, refusedLately } from '../../app/awards/refused-lately.ts';
import { transition } from '../../app/awards/transitions.ts';
import { ShiftBook } from '../../app/shifts/shifts.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { MIGRATIONS } from '../../app/store/migrations.ts';
import { COUNTER_WAIT_MS } from '../../app/common/counter-wait.ts';

/** 2026-12-03 09:00 in the shop (UTC+8). */
const MORNING = Date.UTC(2026, 11, 3, 1, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let dir: string;
let db: Db;
let clock: number;
let outbox: Outbox;
let shifts: ShiftBook;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaunter-refused-'));
  clock = MORNING;
  open();
});

/** The database file, opened as the core opens it, with the outbox and the shifts on it. */
function open(): void {
  db = openDatabase(join(dir, 'awards.db'));
  outbox = new Outbox(db, 'T1', () => clock);
  shifts = new ShiftBook({ db, terminalId: 'T1', now: () => clock, onChange: () => undefined });
}

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An award made now, as the cashier on shift (or the terminal), refused by RM `after` ms later; when it was made. */
function refusedAfter(after: number): number {
  const made = clock;
  const cashier = shifts.current()?.cashier ?? 'Terminal 1';
  const { award } = outbox.submit({ amountSen: 990, member: { type: 'PHONENUMBER', countryCode: '60', phoneNumber: '139998800' }, cashier }, `cashier:${cashier}`);
  clock += after;
  transition(db, award.id, ['QUEUED'], { to: 'SENDING', actor: 'relay' }, clock);
  transition(db, award.id, ['SENDING'], { to: 'REJECTED', actor: 'relay', errorCode: 'MEMBER_NOT_FOUND', reason: 'Member not found' }, clock);
  return made;
}

const lately = () => refusedLately(db, shifts.latest(), clock, COUNTER_WAIT_MS);
/** The manager marks seen, at `atMs`, what the screen counted now. */
const markSeen = (atMs: number) => markRefusalsSeen(db, lately().news.upToEvent, atMs, 'Siti');
/** The count and where it starts, as the pill says them. */
const counted = () => {
  const { count, sinceMs } = lately();
  return { count, sinceMs };
};

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

describe("the manager's mark that the refusals were seen", () => {
  it('hides the refusals up to it; those after it count, from just after it, with when the first of them was made', () => {
    shifts.start('Aina');
    const first = refusedAfter(HOUR);
    refusedAfter(HOUR);
    expect(lately()).toMatchObject({ count: 2, sinceMs: MORNING, madeSinceMs: first });
    clock += MINUTE;
    const seenAt = clock;
    markSeen(seenAt);
    expect(refusalsSeen(db)).toMatchObject({ atMs: seenAt, by: 'Siti' });
    expect(lately()).toMatchObject({ count: 0, sinceMs: seenAt + 1, madeSinceMs: null });
    const later = refusedAfter(HOUR);
    expect(lately()).toMatchObject({ count: 1, sinceMs: seenAt + 1, madeSinceMs: later });
  });

  it('leaves the window as it was: once the window starts after the mark, it is where the count starts, and gives way', () => {
    shifts.start('Aina');
    refusedAfter(HOUR);
    const seenAt = clock;
    markSeen(seenAt);
    clock += HOUR;
    const ben = shifts.start('Ben').startedAt;
    refusedAfter(HOUR);
    expect(counted()).toEqual({ count: 1, sinceMs: seenAt + 1 });
    clock += HOUR;
    shifts.start('Aina');
    expect(counted()).toEqual({ count: 1, sinceMs: ben });
    clock += HOUR;
    shifts.start('Ben');
    expect(counted().count).toBe(0);
  });

  it('survives the database being closed and opened again', () => {
    shifts.start('Aina');
    refusedAfter(HOUR);
    markSeen(clock);
    const seenAt = clock;
    db.close();
    clock += MINUTE;
    open();
    expect(refusalsSeen(db)).toMatchObject({ atMs: seenAt, by: 'Siti' });
    expect(counted()).toEqual({ count: 0, sinceMs: seenAt + 1 });
  });

  it('made while the clock ran ahead, hides nothing once the clock is put right, nor when it catches up with the mark', () => {
    shifts.start('Aina');
    refusedAfter(HOUR);
    const ahead = clock + 30 * MINUTE;
    markSeen(ahead);
    expect(counted().count).toBe(0);
    // The clock is put right (it ran 30 minutes fast); a refusal comes before the mark's time, then the clock passes it.
    refusedAfter(10 * MINUTE);
    expect(counted()).toEqual({ count: 1, sinceMs: MORNING });
    clock = ahead + MINUTE;
    expect(counted()).toEqual({ count: 1, sinceMs: ahead + 1 });
  });

  it('is not there in a database from before it: the count is as it was', () => {
    db.close();
    rmSync(join(dir, 'awards.db'));
    const old = new Database(join(dir, 'awards.db'));
    for (const step of MIGRATIONS.slice(0, 13)) old.exec(step);
    old.pragma('user_version = 13');
    old.close();
    open();
    shifts.start('Aina');
    refusedAfter(HOUR);
    expect(refusalsSeen(db)).toBeNull();
    expect(counted()).toEqual({ count: 1, sinceMs: MORNING });
  });
});

describe("the screen's mark names what it counted", () => {
  it('a refusal that came between the count on screen and the click on "seen" is still news', () => {
    shifts.start('Aina');
    refusedAfter(HOUR);
    const onScreen = lately();
    const meanwhile = refusedAfter(HOUR);
    clock += MINUTE;
    expect(markRefusalsSeen(db, onScreen.news.upToEvent, clock, 'Siti')).toBe(true);
    expect(lately()).toMatchObject({ count: 1, madeSinceMs: meanwhile });
  });

  it('goes no further than the newest event recorded, and never back before a mark another screen made since', () => {
    shifts.start('Aina');
    refusedAfter(HOUR);
    const olderCount = lately().news.upToEvent;
    markRefusalsSeen(db, Number.MAX_SAFE_INTEGER, clock, 'Siti');
    const next = refusedAfter(HOUR);
    expect(lately()).toMatchObject({ count: 1, madeSinceMs: next });
    markSeen(clock);
    const mark = refusalsSeen(db);
    // A screen still showing the older count marks it seen: nothing moves, the newer refusal stays seen.
    expect(markRefusalsSeen(db, olderCount, clock + MINUTE, 'Ben')).toBe(false);
    expect(refusalsSeen(db)).toEqual(mark);
    expect(lately().count).toBe(0);
  });
});

describe("History's list of the news", () => {
  it('lists, totals and exports exactly the refusals counted, not those told at the counter, seen, or come since', async () => {
    shifts.start('Aina');
    refusedAfter(2_000);
    refusedAfter(HOUR);
    markSeen(clock);
    const counted = refusedAfter(HOUR);
    outbox.submit({ amountSen: 1500, member: { type: 'ID', memberId: 'M-1' }, cashier: 'Aina' }, 'cashier:Aina');
    const { count, news } = lately();
    expect(count).toBe(1);
    refusedAfter(HOUR);

    const history = new AwardHistory(db);
    expect(history.page({ refusedNews: news }, null, 50).items.map((award) => award.createdAt)).toEqual([counted]);
    const totals = history.totals({ refusedNews: news });
    expect(totals.byDay.map((day) => day.awards)).toEqual([1]);
    expect(totals.byCashier).toMatchObject([{ cashier: 'Aina', awards: 1 }]);
    const lines: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\r\n').filter(Boolean));
        done();
      },
    });
    expect(await history.exportCsv({ refusedNews: news }, out, () => undefined)).toBe(1);
    expect(lines).toHaveLength(2);
    // Within them, the manager's other filters narrow as anywhere.
    expect(history.page({ refusedNews: news, cashier: 'Ben' }, null, 50).items).toEqual([]);
  });
});
