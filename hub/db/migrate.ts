// The hub's schema: plain SQL files in migrations/, applied once each, in name order, each in its own transaction with
// its row in schema_migrations. An advisory lock lets several hub processes start at once without racing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from './pool.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_KEY = 0x4b41_554e; // "KAUN"

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
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
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
