// Ingest at the hub: a counter's awards and events pushed through the hub's HTTP API (a `kaunter hub serve` process:
// authentication, the batch's schema, one transaction with the terminal lock, ownership and order checks, idempotent
// upserts, the per-day totals trigger, the acknowledgement) into PostgreSQL, against a bare multi-row INSERT of the
// same rows into the same schema over one connection. Both on the same server, in the same run.
//   node test/bench/hub-ingest.bench.ts [--quick] [--out-dir <dir>]
import { memberFields } from '../../app/common/member.ts';
import { openDatabase } from '../../app/store/database.ts';
import { HubClient } from '../../app/sync/hub-client.ts';
import { linkOf } from '../../app/sync/outgoing.ts';
import type { PushBatch } from '../../app/sync/wire.ts';
import { enrolTerminal } from '../../hub/terminals.ts';
import { ENROL_AS_NAMED } from '../fixtures/hub-enrol.ts';
import type { Pool } from '../../hub/db/pool.ts';
import { busyCounter } from '../fixtures/counter-records.ts';
import { printTable } from './lib/format.ts';
import { allBatches, benchDbPath, migratedDatabase, startBenchPostgres, startHubProcess } from './lib/hub-bench.ts';
import { runSizedBenchmark } from './lib/report.ts';
import { makeWorkDir } from './lib/work-dir.ts';

runSizedBenchmark('hub-ingest', { awards: [1_000, 30_000] }, async ({ args, report, sizes: { awards } }) => {
  const work = makeWorkDir(args.outDir, 'hub-ingest');
  const postgres = await startBenchPostgres();
  const counter = openDatabase(benchDbPath(work.path, 'counter'));
  try {
    busyCounter(counter, awards, Date.UTC(2026, 10, 1), 7 * 86_400_000);
    const bare = await migratedDatabase(postgres, 'ingest_bare');
    const hub = await migratedDatabase(postgres, 'ingest_hub');
    const enrolment = await enrolTerminal(hub.pool, 'Bench', 'Till 1', 'bench', ENROL_AS_NAMED);
    const server = await startHubProcess(hub.url);
    const joined = await new HubClient(server.url, null).join(enrolment.code);
    if (joined.kind !== 'ok') throw new Error(joined.message);
    const batches = allBatches(counter, linkOf(server.url, joined.value, 0));
    const events = batches.reduce((sum, batch) => sum + batch.events.length, 0);
    const awardRows = batches.reduce((sum, batch) => sum + batch.awards.length, 0);
    report.size('batches', batches.length);
    report.size('events', events);
    report.size('awardRowsSent', awardRows);

    const bareOutlet = await bare.pool.query<{ id: string }>("INSERT INTO outlets (name) VALUES ('Bench') RETURNING id");
    const bareTerminal = await bare.pool.query<{ id: string }>('INSERT INTO terminals (outlet_id, name) VALUES ($1, $2) RETURNING id', [bareOutlet.rows[0]?.id, 'Till 1']);
    const bareMs = await bareInsert(bare.pool, batches, bareTerminal.rows[0]?.id as string, bareOutlet.rows[0]?.id as string);

    const client = new HubClient(server.url, joined.value.credential);
    const started = performance.now();
    for (const batch of batches) {
      const answer = await client.push(batch);
      if (answer.kind !== 'ok') throw new Error(`push refused: ${answer.message}`);
    }
    const hubMs = performance.now() - started;
    await server.stop();

    const count = async (pool: Pool, table: string) => Number((await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n);
    report.check('awards at the hub', awards, await count(hub.pool, 'awards'));
    report.check('events at the hub', events, await count(hub.pool, 'award_events'));
    report.check('awards by the bare INSERT', awards, await count(bare.pool, 'awards'));
    report.check('events by the bare INSERT', events, await count(bare.pool, 'award_events'));

    const hubRate = report.figure('hub ingest', (awards / hubMs) * 1000, 'awards/s');
    const bareRate = report.figure('bare multi-row INSERT (baseline)', (awards / bareMs) * 1000, 'awards/s');
    report.figure('hub ingest events', (events / hubMs) * 1000, 'events/s');
    printTable('Ingest', ['path', 'seconds', 'awards/s', 'events/s'], [
      ['hub HTTP API (push batches)', hubMs / 1000, hubRate, (events / hubMs) * 1000],
      ['bare multi-row INSERT, one connection', bareMs / 1000, bareRate, (events / bareMs) * 1000],
    ]);
    report.ratio('hub ingest / bare INSERT', 'hub ingest', 'bare multi-row INSERT (baseline)', { atLeast: 0.5 });
    report.goal('hub ingest at least 2,000 awards/s', 'hub ingest', '>=', 2_000);
    report.note('Baseline: the same award and event rows, one multi-row INSERT per table per batch (the batches the counter sends, up to 1,000 events), autocommitted, over one connection, into a fresh database with the same schema, indexes and totals trigger.');
    report.note('The hub runs as its own process (kaunter hub serve) on loopback; PostgreSQL has fsync on. Batches are read from the counter before timing starts.');
    await bare.pool.end();
    await hub.pool.end();
    report.finish();
  } finally {
    counter.close();
    await postgres.stop();
    work.remove();
  }
});

async function bareInsert(pool: Pool, batches: PushBatch[], terminalId: string, outletId: string): Promise<number> {
  const client = await pool.connect();
  try {
    const started = performance.now();
    const seen = new Set<string>();
    for (const batch of batches) {
      const fresh = batch.awards.filter((award) => !seen.has(award.id));
      for (const award of fresh) seen.add(award.id);
      if (fresh.length > 0) {
        const rows = fresh.map((a) => [a.id, terminalId, outletId, a.terminalLabel, a.createdAt, a.cashier, a.receiptRef, a.amountSen, a.member.type, memberFields(a.member).memberId, memberFields(a.member).countryCode, memberFields(a.member).phoneNumber, a.pointsPreview, a.state, a.updatedAt, a.lastEventSeq]);
        await client.query(
          `INSERT INTO awards (id, terminal_id, outlet_id, terminal_label, created_at, cashier, receipt_ref, amount_sen, member_type, member_id, country_code, phone_number, points_preview, state, updated_at, last_event_seq) VALUES ${placeholders(rows.length, 16)}`,
          rows.flat(),
        );
      }
      const events = batch.events.map((e) => [terminalId, e.seq, e.awardId, e.at, e.from, e.to, e.actor, e.reason, e.errorCode]);
      await client.query(`INSERT INTO award_events (terminal_id, seq, award_id, at, from_state, to_state, actor, reason, error_code) VALUES ${placeholders(events.length, 9)}`, events.flat());
    }
    return performance.now() - started;
  } finally {
    client.release();
  }
}

function placeholders(rows: number, columns: number): string {
  return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`).join(', ');
}
