// Records the SQL and parameters the app's own code runs, so a benchmark can EXPLAIN and time exactly those statements
// instead of a copy of their text that could drift from the app.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../app/store/database.ts';

export interface RecordedStatement {
  sql: string;
  params: unknown[];
  reader: boolean;
}

const RUNNERS = new Set<PropertyKey>(['all', 'get', 'iterate', 'run']);

export interface Recorder {
  /** Use this in place of the real handle while recording. */
  db: Db;
  recorded: RecordedStatement[];
}

export function recordStatements(real: Db): Recorder {
  const recorded: RecordedStatement[] = [];
  const db = new Proxy(real, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'prepare') return (sql: string) => recordingStatement(target.prepare(sql), sql, recorded);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db, recorded };
}

function recordingStatement(statement: Statement, sql: string, recorded: RecordedStatement[]): Statement {
  return new Proxy(statement, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!RUNNERS.has(property)) return method.bind(target);
      return (...params: unknown[]) => {
        recorded.push({ sql, params, reader: target.reader });
        return method.apply(target, params);
      };
    },
  });
}

/** Each distinct SELECT once (its first parameters), in the order first run. */
export function distinctReads(recorded: readonly RecordedStatement[]): RecordedStatement[] {
  const seen = new Map<string, RecordedStatement>();
  for (const entry of recorded) if (entry.reader && !seen.has(entry.sql)) seen.set(entry.sql, entry);
  return [...seen.values()];
}

/** One line of SQL for a table: whitespace collapsed, the column list elided. */
export function shortSql(sql: string, width = 110): string {
  const flat = sql.replace(/\s+/g, ' ').trim().replace(/^SELECT (.{60,}?) FROM /, 'SELECT <columns> FROM ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}
