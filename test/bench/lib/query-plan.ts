// EXPLAIN QUERY PLAN of a statement with its real parameters, and a plain verdict: does every read of a table go through
// an index (a SEARCH, or an ordered SCAN of an index), and does SQLite have to sort rows into a temporary b-tree?
import type { Db } from '../../../app/store/database.ts';

export interface QueryPlan {
  lines: string[];
  usesIndex: boolean;
  fullTableScan: boolean;
  tempBTree: boolean;
}

export function explain(db: Db, sql: string, params: readonly unknown[]): QueryPlan {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ id: number; parent: number; detail: string }>;
  const depth = new Map<number, number>([[0, 0]]);
  const lines = rows.map((row) => {
    const level = (depth.get(row.parent) ?? 0) + 1;
    depth.set(row.id, level);
    return `${'  '.repeat(level - 1)}${row.detail}`;
  });
  const tableReads = rows.map((row) => row.detail).filter((detail) => /^(SCAN|SEARCH) /.test(detail));
  const fullTableScan = tableReads.some((detail) => /^SCAN \w+$/.test(detail.trim()));
  return {
    lines,
    usesIndex: tableReads.length > 0 && tableReads.every((detail) => /USING (COVERING )?INDEX|USING (INTEGER )?PRIMARY KEY|USING ROWID/.test(detail)),
    fullTableScan,
    tempBTree: rows.some((row) => row.detail.includes('TEMP B-TREE')),
  };
}

export function verdict(plan: QueryPlan): string {
  const parts = [plan.usesIndex ? 'index' : plan.fullTableScan ? 'FULL TABLE SCAN' : 'NO INDEX'];
  if (plan.tempBTree) parts.push('+ temp b-tree sort');
  return parts.join(' ');
}
