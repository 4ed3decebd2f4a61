// The manager's view of one database's awards: pages, totals and the CSV export, read with the shop's calendar days.
import type { Writable } from 'node:stream';
import { historyPage, totalsByCashier, totalsByDay, type CashierTotals, type DayTotals, type HistoryPage } from './history.ts';
import type { HistoryFilter } from './history-filter.ts';
import { exportCsv } from './export.ts';
import { SHOP_UTC_OFFSET_MINUTES } from '../common/shop-time.ts';
import type { Db } from '../store/database.ts';

export class AwardHistory {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  page(filter: HistoryFilter, cursor: string | null, limit: number): HistoryPage {
    return historyPage(this.db, filter, cursor, limit);
  }

  totals(filter: HistoryFilter): { byDay: DayTotals[]; byCashier: CashierTotals[] } {
    return { byDay: totalsByDay(this.db, filter, SHOP_UTC_OFFSET_MINUTES), byCashier: totalsByCashier(this.db, filter) };
  }

  /** Writes every award the filter selects to `out` as CSV; returns how many rows. */
  exportCsv(filter: HistoryFilter, out: Writable, onProgress: (done: number, total: number) => void): Promise<number> {
    return exportCsv(this.db, filter, out, { utcOffsetMinutes: SHOP_UTC_OFFSET_MINUTES, onProgress });
  }
}
