// The hub's schema: plain SQL files in migrations/, applied once each, in name order, each in its own transaction with
// its row in schema_migrations (or, marked so, statement by statement outside one: migration-outside-transaction.ts).
// An advisory lock lets several hub processes start at once without racing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyOutsideTransaction, runsOutsideTransaction } from './migration-outside-transaction.ts';
import type { Client, Pool } from './pool.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_KEY = 0x4b41_554e; // "KAUN"
const LOCK_RETRY_MS = 500;

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
    await takeLock(client);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const all = migrations();
    const newest = Math.max(0, ...done);
    if (newest > (all.at(-1)?.version ?? 0)) throw new SchemaTooNewError(newest, all.at(-1)?.version ?? 0);
    const applied: string[] = [];
    for (const migration of all.filter((m) => !done.has(m.version))) {
      try {
        if (runsOutsideTransaction(migration.sql)) {
          await applyOutsideTransaction(client, migration.name, migration.sql);
          await recordApplied(client, migration);
        } else {
          await applyInTransaction(client, migration);
        }
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

/**
 * Waits for the lock between tries, not inside a statement: a migrate waiting in pg_advisory_lock holds a snapshot, and
 * CREATE INDEX CONCURRENTLY in the migrate holding the lock waits for every older snapshot: a deadlock.
 */
async function takeLock(client: Client): Promise<void> {
  for (;;) {
    const taken = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1) AS taken', [LOCK_KEY]);
    if (taken.rows[0]?.taken) return;
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
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

async function recordApplied(client: Client, migration: Migration): Promise<void> {
  await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
}

/** PostgreSQL's SQLSTATE for a table that does not exist. */
const UNDEFINED_TABLE = '42P01';

/** Refuses to serve a database that is not migrated to exactly this hub's schema. */
export async function checkSchema(pool: Pool): Promise<void> {
  const known = migrations().at(-1)?.version ?? 0;
  const result = await pool.query<{ version: number }>('SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations').catch((error: unknown) => {
    // Only a database never migrated lacks the table. A server down or a password refused says nothing of the schema,
    // and "run migrate first" would send the IT person the wrong way: that error goes on to be said as it is.
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return { rows: [{ version: 0 }] };
    throw error;
  });
  const version = result.rows[0]?.version ?? 0;
  if (version > known) throw new SchemaTooNewError(version, known);
  if (version < known) throw new Error(`This database's schema is at version ${version}; run \`kaunter hub migrate\` first.`);
}
