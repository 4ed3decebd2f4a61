// The hub's schema: plain SQL files in migrations/, applied once each, in name order, each in its own transaction with
// its row in schema_migrations. An advisory lock lets several hub processes start at once without racing. A file that
// starts with WITHOUT_TRANSACTION runs statement by statement outside one, for CREATE INDEX CONCURRENTLY: a big
// table keeps taking pushes and reads while its index is built, as it must while older hub processes still serve. Its
// statements must be safe to run again (IF EXISTS), since a file cut short is run again from its start.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client, Pool } from './pool.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_KEY = 0x4b41_554e; // "KAUN"

const WITHOUT_TRANSACTION = '-- kaunter: without a transaction';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file, sql: readFileSync(join(MIGRATIONS_DIR, file), 'utf8') }));
}

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`This database is at schema version ${found}, but this hub knows only up to ${known}: run a newer Kaunter hub.`);
    this.name = 'SchemaTooNewError';
  }
}

/** Applies what is missing; returns the names applied. */
export async function migrate(pool: Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const all = migrations();
    const newest = Math.max(0, ...done);
    if (newest > (all.at(-1)?.version ?? 0)) throw new SchemaTooNewError(newest, all.at(-1)?.version ?? 0);
    const applied: string[] = [];
    for (const migration of all.filter((m) => !done.has(m.version))) {
      try {
        if (migration.sql.startsWith(WITHOUT_TRANSACTION)) await applyStatementByStatement(client, migration);
        else await applyInTransaction(client, migration);
      } catch (error) {
        throw new Error(`Migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}

async function applyInTransaction(client: Client, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await recordApplied(client, migration);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** One statement at a time (several in one query string would be one implicit transaction); comments left out. */
async function applyStatementByStatement(client: Client, migration: Migration): Promise<void> {
  const statements = migration.sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
  for (const statement of statements) await client.query(statement);
  await recordApplied(client, migration);
}

async function recordApplied(client: Client, migration: Migration): Promise<void> {
  await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
}

/** Refuses to serve a database that is not migrated to exactly this hub's schema. */
export async function checkSchema(pool: Pool): Promise<void> {
  const known = migrations().at(-1)?.version ?? 0;
  const result = await pool
    .query<{ version: number }>('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations')
    .catch(() => ({ rows: [{ version: 0 }] }));
  const version = result.rows[0]?.version ?? 0;
  if (version > known) throw new SchemaTooNewError(version, known);
  if (version < known) throw new Error(`This database's schema is at version ${version}; run \`kaunter hub migrate\` first.`);
}
