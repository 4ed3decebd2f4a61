// A cashier's shift at a terminal: who was at it, from when to when. Each award made in it records it, so what happened
// in it is read from its awards (figures.ts) whatever the PC's clock did meanwhile; its times only say when it was. The
// SQL for shifts lives here.
import { inTransaction, type Db } from '../store/database.ts';
import { prepared } from '../store/statements.ts';
import type { ShiftFilter } from './shift-filter.ts';

export interface Shift {
  id: number;
  terminalId: string;
  cashier: string;
  startedAt: number;
  /** Null while the shift is open: a restart or midnight does not end it, only the cashier or the next one does. */
  endedAt: number | null;
}


interface ShiftRow {
  id: number;
  terminal_id: string;
  cashier: string;
  started_at: number;
  ended_at: number | null;
}

const COLUMNS = 'id, terminal_id, cashier, started_at, ended_at';

function toShift(row: ShiftRow): Shift {
  return { id: row.id, terminalId: row.terminal_id, cashier: row.cashier, startedAt: row.started_at, endedAt: row.ended_at };
}

export function findShift(db: Db, id: number): Shift | null {
  const row = prepared(db, `SELECT ${COLUMNS} FROM shifts WHERE id = ?`).get(id) as ShiftRow | undefined;
  return row ? toShift(row) : null;
}

export function openShift(db: Db, terminalId: string): Shift | null {
  const row = prepared(db, `SELECT ${COLUMNS} FROM shifts WHERE terminal_id = ? AND ended_at IS NULL`).get(terminalId) as ShiftRow | undefined;
  return row ? toShift(row) : null;
}

/** The terminal's newest shift, open or ended. */
export function latestShift(db: Db, terminalId: string): Shift | null {
  const row = prepared(db, `SELECT ${COLUMNS} FROM shifts WHERE terminal_id = ? ORDER BY started_at DESC, id DESC LIMIT 1`).get(terminalId) as ShiftRow | undefined;
  return row ? toShift(row) : null;
}

const PAGE = 200;

/** Every shift the filter matches, newest first, read a page at a time (the command line's and the export's). */
export function* eachShift(db: Db, filter: ShiftFilter): Generator<Shift> {
  let after: { startedAt: number; id: number } | null = null;
  for (;;) {
    const page = shiftPage(db, filter, PAGE, after);
    yield* page;
    const last = page.at(-1);
    if (page.length < PAGE || !last) return;
    after = { startedAt: last.startedAt, id: last.id };
  }
}

/** The newest `limit` shifts the filter matches, and whether there are more. */
export function listShifts(db: Db, filter: ShiftFilter, limit: number): { items: Shift[]; more: boolean } {
  const rows = shiftPage(db, filter, limit + 1, null);
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

function shiftPage(db: Db, filter: ShiftFilter, limit: number, after: { startedAt: number; id: number } | null): Shift[] {
  const clauses: string[] = [];
  const params: Record<string, string | number> = { limit };
  if (filter.fromMs !== undefined) {
    clauses.push('started_at >= @fromMs');
    params.fromMs = filter.fromMs;
  }
  if (filter.toMs !== undefined) {
    clauses.push('started_at < @toMs');
    params.toMs = filter.toMs;
  }
  if (filter.cashier) {
    clauses.push('cashier = @cashier');
    params.cashier = filter.cashier;
  }
  if (after) {
    clauses.push('(started_at, id) < (@afterStarted, @afterId)');
    params.afterStarted = after.startedAt;
    params.afterId = after.id;
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const rows = db.prepare(`SELECT ${COLUMNS} FROM shifts ${where} ORDER BY started_at DESC, id DESC LIMIT @limit`).all(params) as ShiftRow[];
  return rows.map(toShift);
}

/**
 * Whether the shift's awards are those that record it. Shifts that had ended before awards recorded their shift (and
 * any shift not on record) have only their time window (figures.ts).
 */
export function ownsItsAwards(db: Db, shiftId: number): boolean {
  const row = prepared(db, 'SELECT owns_awards FROM shifts WHERE id = ?').get(shiftId) as { owns_awards: number } | undefined;
  return row?.owns_awards === 1;
}

/**
 * Records on a new award the shift it is made in: its terminal's open shift, when that is its cashier's. Run in the
 * transaction that writes the award. The command line's awards follow the same rule, as a shift's time window counted
 * them: under the open shift's terminal and cashier they are its; under another terminal (its default) or name, none's.
 */
export function recordAwardShift(db: Db, awardId: string): void {
  prepared(
    db,
    `UPDATE awards SET shift_id = (
       SELECT id FROM shifts WHERE terminal_id = awards.terminal_id AND ended_at IS NULL AND cashier = awards.cashier)
     WHERE id = ?`,
  ).run(awardId);
}

/** Shifts that ended before this time: retention removes them with the awards they were made of. */
export function purgeShiftsEndedBefore(db: Db, cutoff: number): number {
  return db.prepare('DELETE FROM shifts WHERE ended_at IS NOT NULL AND ended_at < ?').run(cutoff).changes;
}

export interface ShiftBookOptions {
  db: Db;
  terminalId: string;
  now: () => number;
  /** Told the terminal's open shift (or none) after every change, so the screens follow. */
  onChange: (shift: Shift | null) => void;
}

/**
 * The counter's shifts on one terminal. Picking a cashier starts their shift and ends the one before; ending is the
 * cashier's own act. A terminal's shifts never overlap, even to the millisecond, so the list of shifts stays in order
 * and the time windows of shifts from before awards recorded their shift never share an award.
 */
export class ShiftBook {
  private readonly options: ShiftBookOptions;
  constructor(options: ShiftBookOptions) {
    this.options = options;
  }

  current(): Shift | null {
    return openShift(this.options.db, this.options.terminalId);
  }

  latest(): Shift | null {
    return latestShift(this.options.db, this.options.terminalId);
  }

  /** Starts this cashier's shift, ending another cashier's open one; their own open shift simply carries on. */
  start(cashier: string): Shift {
    const { db, terminalId } = this.options;
    const { shift, started } = inTransaction(db, () => {
      const open = this.current();
      if (open?.cashier === cashier) return { shift: open, started: false };
      const now = this.options.now();
      if (open) this.close(open, now);
      // After the previous shift's last millisecond, even if the PC's clock went back meanwhile.
      const startedAt = Math.max(now, (latestShift(db, terminalId)?.endedAt ?? -1) + 1);
      const id = Number(prepared(db, 'INSERT INTO shifts (terminal_id, cashier, started_at) VALUES (?, ?, ?)').run(terminalId, cashier, startedAt).lastInsertRowid);
      return { shift: { id, terminalId, cashier, startedAt, endedAt: null }, started: true };
    });
    if (started) this.options.onChange(shift);
    return shift;
  }

  /** Ends the open shift; null when none was open. */
  end(): Shift | null {
    const ended = inTransaction(this.options.db, () => {
      const open = this.current();
      return open ? this.close(open, this.options.now()) : null;
    });
    if (ended) this.options.onChange(null);
    return ended;
  }

  /** Tells the screens where the terminal stands (a newly opened database, another environment). */
  announce(): void {
    this.options.onChange(this.current());
  }

  private close(shift: Shift, now: number): Shift {
    const endedAt = Math.max(now, shift.startedAt);
    prepared(this.options.db, 'UPDATE shifts SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(endedAt, shift.id);
    return { ...shift, endedAt };
  }
}
