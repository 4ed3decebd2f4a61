// Migrations that build indexes on a live hub run outside a transaction (CREATE INDEX CONCURRENTLY), and are safe to
// run again when a run was cut short before it recorded them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../hub/db/migrate.ts';
import { openPool, type Pool } from '../../hub/db/pool.ts';
import { newHubDatabase } from '../fixtures/hub-rig.ts';

let pool: Pool;
beforeAll(async () => {
  pool = openPool(await newHubDatabase(), 2);
});
afterAll(async () => pool?.end());

async function indexes(): Promise<Array<{ name: string; valid: boolean }>> {
  const rows = await pool.query<{ name: string; valid: boolean }>(
    `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname IN ('awards_by_receipt', 'awards_by_lower_receipt', 'audit_by_subject') ORDER BY 1`,
  );
  return rows.rows;
}

describe('hub migrations', () => {
  it('apply in order, the concurrent index builds included, and run again from the start when cut short', async () => {
    expect(await migrate(pool)).toEqual(migrations().map((migration) => migration.name));
    expect(await indexes()).toEqual([
      { name: 'audit_by_subject', valid: true },
      { name: 'awards_by_lower_receipt', valid: true },
    ]);
    // As if the run had stopped after building them, before it recorded 008 and 009: they run again, and end the same.
    await pool.query('DELETE FROM schema_migrations WHERE version >= 8');
    expect(await migrate(pool)).toEqual(['008-audit-by-subject.sql', '009-receipts-planned.sql']);
    expect(await indexes()).toEqual([
      { name: 'audit_by_subject', valid: true },
      { name: 'awards_by_lower_receipt', valid: true },
    ]);
    expect(await migrate(pool)).toEqual([]);
  });
});
