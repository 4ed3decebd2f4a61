// Migrations that build indexes on a live hub run outside a transaction (CREATE INDEX CONCURRENTLY): two migrates
// started at once both end well, and a build cut short, which leaves its index INVALID, is finished by the next run.
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_POINTS } from '../../app/common/money.ts';
import { migrate, migrations } from '../../hub/db/migrate.ts';
import { statementsOf } from '../../hub/db/migration-outside-transaction.ts';
import { openPool, type Pool } from '../../hub/db/pool.ts';
import { newHubDatabase } from '../fixtures/hub-rig.ts';

const pools: Pool[] = [];
afterAll(async () => Promise.all(pools.map((pool) => pool.end())));

async function freshPool(): Promise<Pool> {
  const pool = openPool(await newHubDatabase(), 2);
  pools.push(pool);
  return pool;
}

async function indexes(pool: Pool): Promise<Array<{ name: string; valid: boolean; definition: string }>> {
  const rows = await pool.query<{ name: string; valid: boolean; definition: string }>(
    `SELECT c.relname AS name, i.indisvalid AS valid, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname IN ('awards_by_receipt', 'awards_by_lower_receipt', 'audit_by_subject') ORDER BY 1`,
  );
  return rows.rows;
}

const BUILT = [
  { name: 'audit_by_subject', valid: true, definition: 'CREATE INDEX audit_by_subject ON public.audit USING btree (subject, action)' },
  { name: 'awards_by_lower_receipt', valid: true, definition: 'CREATE INDEX awards_by_lower_receipt ON public.awards USING btree (lower(receipt_ref))' },
];

describe('hub migrations', () => {
  it('two migrates started at once both end well, the concurrent index builds included', async () => {
    const pool = await freshPool();
    const second = openPool((pool as unknown as { options: { connectionString: string } }).options.connectionString, 2);
    pools.push(second);
    const [a, b] = await Promise.all([migrate(pool), migrate(second)]);
    expect([...a, ...b].sort()).toEqual(migrations().map((migration) => migration.name));
    expect(await indexes(pool)).toEqual(BUILT);
  });

  it('a build cut short leaves its index INVALID, and the next run builds it again', async () => {
    const pool = await freshPool();
    await migrate(pool);
    // A unique build over rows that are not unique fails as a crash would leave it: an INVALID index of that name.
    await pool.query("INSERT INTO audit (actor, action, subject) VALUES ('test', 'twice', 'x'), ('test', 'twice', 'x')");
    await pool.query('DROP INDEX audit_by_subject');
    await expect(pool.query('CREATE UNIQUE INDEX CONCURRENTLY audit_by_subject ON audit (action, subject)')).rejects.toThrow(/could not create unique index/);
    expect(await indexes(pool)).toMatchObject([{ name: 'audit_by_subject', valid: false }, BUILT[1]]);
    await pool.query('DELETE FROM schema_migrations WHERE version BETWEEN 8 AND 10');
    expect(await migrate(pool)).toEqual(['008-audit-by-subject.sql', '009-receipts-planned.sql', '010-points-bounded.sql']);
    expect(await indexes(pool)).toEqual(BUILT);
    expect(await migrate(pool)).toEqual([]);
  });

  it('a points figure beyond the bound, pushed before there was one, becomes unknown and leaves the day totals', async () => {
    const pool = await freshPool();
    await migrate(pool);
    const place = await pool.query<{ outlet: string; terminal: string }>(
      "WITH o AS (INSERT INTO outlets (name) VALUES ('Old') RETURNING id) INSERT INTO terminals (outlet_id, name) SELECT id, 'Till 1' FROM o RETURNING outlet_id AS outlet, id AS terminal",
    );
    const { outlet, terminal } = place.rows[0]!;
    const insert = (id: string, points: string) =>
      pool.query(
        `INSERT INTO awards (id, terminal_id, outlet_id, terminal_label, created_at, cashier, amount_sen, member_type, member_id, points_preview, points_confirmed, state, updated_at, last_event_seq)
         VALUES ($1, $2, $3, 'till', 1764547200000, 'Aina', 1000, 'ID', 'M-1', $4, true, 'AWARDED', 1764547200000, 1)`,
        [id, terminal, outlet, points],
      );
    await insert('0f8fad5b-d9cb-469f-a165-70867728950e', String(MAX_POINTS + 1));
    await insert('7c9e6679-7425-40de-944b-e07fc1f90ae7', '10');
    await pool.query('DELETE FROM schema_migrations WHERE version = 10');
    expect(await migrate(pool)).toEqual(['010-points-bounded.sql']);
    const awards = await pool.query<{ points: number | null; confirmed: boolean }>('SELECT points_preview AS points, points_confirmed AS confirmed FROM awards ORDER BY points_preview NULLS FIRST');
    expect(awards.rows).toEqual([
      { points: null, confirmed: false },
      { points: 10, confirmed: true },
    ]);
    const totals = await pool.query<{ points: number; unconfirmed: number }>('SELECT points, unconfirmed FROM award_totals');
    expect(totals.rows).toEqual([{ points: 10, unconfirmed: 1 }]);
  });

  it('refuses a file outside a transaction that it could split wrongly', () => {
    expect(statementsOf('x.sql', '-- kaunter: without a transaction\n-- a comment; with a semicolon\nCREATE INDEX a ON b (c);\nANALYZE b;\n')).toEqual(['CREATE INDEX a ON b (c)', 'ANALYZE b']);
    expect(() => statementsOf('x.sql', "UPDATE t SET v = 'a;\nb';\n")).toThrow(/no quoted text/);
    // A partial index's word in quotes has nothing to split on.
    expect(statementsOf('x.sql', "CREATE INDEX a ON b (c) WHERE d = 'AWARDED';\n")).toEqual(["CREATE INDEX a ON b (c) WHERE d = 'AWARDED'"]);
    expect(() => statementsOf('x.sql', "CREATE INDEX a ON b (c) WHERE d = 'x;y';\n")).toThrow(/no quoted text/);
  });
});
