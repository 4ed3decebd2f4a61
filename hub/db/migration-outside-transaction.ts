// A migration run outside a transaction, statement by statement: CREATE INDEX CONCURRENTLY builds an index while the
// table keeps taking pushes and reads (older hub processes still serve during an upgrade), and cannot run inside one.
//
// Such a file starts with WITHOUT_TRANSACTION on its first line. Its statements end with ";" at the end of a line, its
// comments are whole lines starting with "--", and it holds no quoted text but single words ('AWARDED') and no $$
// bodies (refused, rather than split wrongly). A run cut short is run again from the start, so each statement must be safe to repeat (IF [NOT] EXISTS).
import type { Client } from './pool.ts';

export const WITHOUT_TRANSACTION = '-- kaunter: without a transaction';

export function runsOutsideTransaction(sql: string): boolean {
  return sql.replace(/^\uFEFF/, '').startsWith(WITHOUT_TRANSACTION);
}

export function statementsOf(name: string, sql: string): string[] {
  const code = sql
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  // A word in quotes ('AWARDED', a partial index's state) holds nothing to split on; any other quoted text might.
  if (/['"$]/.test(code.replace(/'[A-Z_]+'/g, ''))) throw new Error(`${name} runs outside a transaction, so it may hold no quoted text or $$ bodies.`);
  return code
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}

/**
 * Runs the statements. An index left INVALID by a build cut short (a crash, Ctrl-C) is dropped first, so that
 * CREATE INDEX CONCURRENTLY IF NOT EXISTS builds it again; a valid one is kept, and its table never goes without it.
 */
export async function applyOutsideTransaction(client: Client, name: string, sql: string): Promise<void> {
  const statements = statementsOf(name, sql);
  const invalid = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE NOT i.indisvalid AND c.relnamespace = 'public'::regnamespace`,
  );
  for (const { name: index } of invalid.rows) {
    if (statements.some((statement) => new RegExp(`\\b${index}\\b`).test(statement))) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index}`);
  }
  for (const statement of statements) await client.query(statement);
}
