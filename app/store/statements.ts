// Prepared statements, prepared once per connection. Preparing costs about 20 µs; the relay runs fifteen statements per
// award, so re-preparing them was a measurable share of draining a backlog (test/bench/drain.bench.ts).
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function prepared(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
