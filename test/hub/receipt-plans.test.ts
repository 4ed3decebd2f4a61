// The planner knows a receipt number names few awards, so head office's history filtered by receipt and a counter's
// receipt check read the receipt index. Without the expression's statistics it guessed 0.5% of all awards, and past a
// few million awards walked every award newest first instead (the hub-history benchmark: 5.2 s a page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfShopDay } from '../../app/common/shop-time.ts';
import { migrate } from '../../hub/db/migrate.ts';
import { openPool, type Pool } from '../../hub/db/pool.ts';
import { ALL_OUTLETS, hubHistoryPage } from '../../hub/history.ts';
import { earlierOnReceipt } from '../../hub/receipts.ts';
import { newHubDatabase } from '../fixtures/hub-rig.ts';

const AWARDS = 50_000;
let pool: Pool;

beforeAll(async () => {
  pool = openPool(await newHubDatabase(), 2);
  await migrate(pool);
  await pool.query("INSERT INTO outlets (name) VALUES ('Kepong')");
  await pool.query("INSERT INTO terminals (outlet_id, name) SELECT id, 'Till ' || n FROM outlets, generate_series(1, 2) n");
  await pool.query(
    `INSERT INTO awards (id, terminal_id, outlet_id, terminal_label, created_at, cashier, receipt_ref, amount_sen, member_type,
       member_id, points_preview, state, updated_at, last_event_seq)
     SELECT gen_random_uuid(), t.id, t.outlet_id, 'till', $2::bigint + i::bigint * 1000, 'Aina', 'R' || i, 1000, 'ID', 'M-' || (i % 500), 10,
       'AWARDED', $2::bigint, 1
       FROM generate_series(1, $1::int) i JOIN terminals t ON t.name = 'Till 1'`,
    // All today, a second apart: the receipt check's "since the shop day began" then narrows nothing, whatever the hour.
    [AWARDS, startOfShopDay(Date.now())],
  );
  await pool.query('ANALYZE awards');
}, 120_000);
afterAll(async () => pool?.end());

/** The statements `work` runs, with their parameters (the app's own SQL, not a copy of its text). */
async function statementsOf(work: (recording: Pool) => Promise<unknown>): Promise<Array<{ sql: string; params: unknown[] }>> {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const recording = new Proxy(pool, {
    get(target, property) {
      if (property !== 'query') return Reflect.get(target, property, target) as unknown;
      return (sql: string, params: unknown[] = []) => {
        statements.push({ sql, params });
        return target.query(sql, params);
      };
    },
  });
  await work(recording);
  return statements;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The indexes a statement's plan reads, and how many awards the planner expects to read from the table. */
async function planOf(sql: string, params: unknown[]): Promise<{ indexes: string[]; awardRows: number }> {
  const explained = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const plan = explained.rows[0]?.['QUERY PLAN'][0]?.Plan;
  if (!plan) throw new Error('no plan');
  const all = nodes(plan);
  const awardReads = all.filter((node) => node['Relation Name'] === 'awards');
  if (awardReads.length === 0) throw new Error(`the plan reads no awards: ${JSON.stringify(plan)}`);
  return {
    indexes: all.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : [])),
    awardRows: Math.max(...awardReads.map((node) => node['Plan Rows'])),
  };
}

describe('a receipt number in the hub planner', () => {
  it('head office history filtered by receipt reads the receipt index, expecting a row or two', async () => {
    const [page] = await statementsOf((recording) => hubHistoryPage(recording, { receipt: 'r4242' }, ALL_OUTLETS, null, 100));
    if (!page) throw new Error('no statement');
    const plan = await planOf(page.sql, page.params);
    expect(plan.indexes).toContain('awards_by_lower_receipt');
    expect(plan.indexes).not.toContain('awards_by_time');
    expect(plan.awardRows).toBeLessThanOrEqual(5);
  });

  it("a counter's receipt check reads the receipt index, expecting a row or two", async () => {
    const till2 = (await pool.query<{ terminalId: string; outletId: string }>(`SELECT id AS "terminalId", outlet_id AS "outletId" FROM terminals WHERE name = 'Till 2'`)).rows[0];
    if (!till2) throw new Error('no terminal');
    const [check] = await statementsOf((recording) => earlierOnReceipt(recording, till2, { receiptRef: 'R4242', sinceMs: 0 }));
    if (!check) throw new Error('no statement');
    const plan = await planOf(check.sql, check.params);
    expect(plan.indexes).toContain('awards_by_lower_receipt');
    expect(plan.awardRows).toBeLessThanOrEqual(5);
  });
});
