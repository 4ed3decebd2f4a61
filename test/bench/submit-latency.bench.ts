// Durable submit latency: `Outbox.submit` on a real file (WAL, synchronous=FULL: validated, written as QUEUED with its
// first event, committed and synced) against the floor of durability on the same disk, one fs.writeSync + fs.fsyncSync of
// a row-sized buffer appended to a file in the same folder. Two more candidates explain the gap: the same fsync'd append
// with as many bytes as one submit really adds to the WAL, and the same submit with synchronous=OFF (CPU and SQLite
// without the disk wait).
//   node test/bench/submit-latency.bench.ts [--quick] [--out-dir <dir>]
import { closeSync, fsyncSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Outbox } from '../../app/awards/outbox.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';
import { parseBenchArgs } from './lib/args.ts';
import { amountFor, benchMembers, identityFor } from './lib/bench-rm.ts';
import { printTable } from './lib/format.ts';
import { BenchReport, runBenchmark } from './lib/report.ts';
import { summarize, type LatencySummary } from './lib/stats.ts';
import { timeSync } from './lib/timing.ts';
import { makeWorkDir } from './lib/work-dir.ts';

const CASHIERS = ['Aina', 'Kumar', 'Mei Ling', 'Farid'];
const WAL_SAMPLE_SUBMITS = 20;
const WAL_FRAME_HEADER_BYTES = 24;
const MEMBERS = benchMembers(50);
/** Numbers the awards across all candidates, so every submit is a different sale. */
let serial = 0;

interface Candidate {
  label: string;
  run: () => void;
}

runBenchmark(() => {
  const args = parseBenchArgs(process.argv.slice(2));
  const report = new BenchReport('submit-latency', args);
  const rounds = args.quick ? 4 : 20;
  const perRound = args.quick ? 25 : 100;
  const warmup = args.quick ? 20 : 100;
  report.size('submitsMeasured', rounds * perRound);
  report.size('rounds', rounds);
  report.size('warmupPerCandidate', warmup);

  const work = makeWorkDir(args.outDir, 'submit-latency');
  const durable = openDatabase(join(work.path, 'awards.db'));
  const unsynced = openDatabase(join(work.path, 'awards-unsynced.db'));
  unsynced.pragma('synchronous = OFF');
  const rowFd = openSync(join(work.path, 'fsync-row-sized.bin'), 'a');
  const walSizedFd = openSync(join(work.path, 'fsync-wal-sized.bin'), 'a');
  try {
    report.check('journal_mode of the measured file', 'wal', durable.pragma('journal_mode', { simple: true }) as string);
    report.check('synchronous of the measured file (2 = FULL)', 2, durable.pragma('synchronous', { simple: true }) as number);
    const submitDurable = submitter(durable);
    submitDurable();
    const rowBytes = Buffer.byteLength(JSON.stringify(durable.prepare('SELECT * FROM awards ORDER BY seq DESC LIMIT 1').get()));
    const walBytes = walGrowthPerSubmit(durable, join(work.path, 'awards.db-wal'), submitDurable);
    const pageSize = durable.pragma('page_size', { simple: true }) as number;
    const pages = walBytes / (pageSize + WAL_FRAME_HEADER_BYTES);
    report.size('rowBytes', rowBytes);
    report.size('walBytesPerSubmit', walBytes);
    console.log(`row-sized buffer: ${rowBytes} bytes (one award row as JSON); one submit appends ${walBytes} WAL bytes (${pages.toFixed(1)} pages)`);

    const candidates: Record<'durable' | 'row' | 'walSized' | 'unsynced', Candidate> = {
      durable: { label: 'Outbox.submit (WAL, synchronous=FULL)', run: submitDurable },
      row: { label: `writeSync + fsyncSync, ${rowBytes} B row (baseline)`, run: fsyncedAppend(rowFd, rowBytes) },
      walSized: { label: `writeSync + fsyncSync, ${walBytes} B (one submit's WAL)`, run: fsyncedAppend(walSizedFd, walBytes) },
      unsynced: { label: 'Outbox.submit, synchronous=OFF (no fsync)', run: submitter(unsynced) },
    };
    const summaries = measureAlternating(candidates, { rounds, perRound, warmup });
    const { durable: submit, row, walSized, unsynced: noSync } = summaries;
    printTable(
      `Latency over ${rounds * perRound} operations each, alternating rounds of ${perRound} (ms)`,
      ['operation', 'p50', 'p95', 'p99', 'mean', 'max'],
      Object.entries(candidates).map(([key, candidate]) => {
        const s = summaries[key as keyof typeof candidates];
        return [candidate.label, s.p50Ms, s.p95Ms, s.p99Ms, s.meanMs, s.maxMs];
      }),
    );
    for (const p of ['p50', 'p95', 'p99'] as const) {
      report.figure(`submit ${p}`, submit[`${p}Ms`], 'ms');
      report.figure(`fsync'd write ${p} (baseline)`, row[`${p}Ms`], 'ms');
    }
    report.figure("fsync'd write of one submit's WAL bytes p50", walSized.p50Ms, 'ms');
    report.figure("fsync'd write of one submit's WAL bytes p99", walSized.p99Ms, 'ms');
    report.figure('submit p50 with synchronous=OFF', noSync.p50Ms, 'ms');
    report.figure('submits per second (1 / mean)', 1000 / submit.meanMs, 'submits/s');
    report.figure('WAL bytes written per submit', walBytes, 'bytes');
    report.ratio("submit / fsync'd write at p50", 'submit p50', "fsync'd write p50 (baseline)");
    report.ratio("submit / fsync'd write at p99", 'submit p99', "fsync'd write p99 (baseline)");
    report.ratio("submit / fsync'd write of its WAL bytes at p50", 'submit p50', "fsync'd write of one submit's WAL bytes p50");
    report.ratio('no-sync submit / durable submit at p50', 'submit p50 with synchronous=OFF', 'submit p50');
    report.detail('latency', summaries);
    report.note(
      `One submit appends ${walBytes} bytes to the WAL: ${pages.toFixed(1)} whole pages (the awards row and its index entries, the event, its index and the AUTOINCREMENT counter) and syncs once; the baseline syncs ${rowBytes} bytes. SQLite checkpoints the WAL into the database (and syncs that too) inside the commit that crosses 1,000 pages, about every ${Math.round(1000 / pages)} submits.`,
    );
    report.finish();
  } finally {
    closeSync(rowFd);
    closeSync(walSizedFd);
    durable.close();
    unsynced.close();
    work.remove();
  }
});

function submitter(db: Db): () => void {
  const outbox = new Outbox(db, 'T1');
  return () => {
    serial += 1;
    const cashier = CASHIERS[serial % CASHIERS.length] as string;
    const amountSen = amountFor(serial);
    outbox.submit({ amountSen, member: identityFor(serial, MEMBERS), cashier, receiptRef: `R-${100_000 + serial}`, pointsPreview: Math.floor(amountSen / 100) }, `cashier:${cashier}`);
  };
}

function fsyncedAppend(fd: number, bytes: number): () => void {
  const buffer = Buffer.alloc(bytes, 0x61);
  return () => {
    writeSync(fd, buffer);
    fsyncSync(fd);
  };
}

/** Warm-up, then rounds in which every candidate runs `perRound` times in turn, so drift hits all of them alike. */
function measureAlternating<K extends string>(
  candidates: Record<K, Candidate>,
  sizes: { rounds: number; perRound: number; warmup: number },
): Record<K, LatencySummary> {
  const keys = Object.keys(candidates) as K[];
  for (const key of keys) for (let i = 0; i < sizes.warmup; i += 1) candidates[key].run();
  const samples = new Map<K, number[]>(keys.map((key) => [key, []]));
  for (let round = 0; round < sizes.rounds; round += 1) {
    for (const key of keys) {
      for (let i = 0; i < sizes.perRound; i += 1) samples.get(key)?.push(timeSync(candidates[key].run));
    }
  }
  return Object.fromEntries(keys.map((key) => [key, summarize(samples.get(key) ?? [])])) as Record<K, LatencySummary>;
}

/** WAL bytes one submit appends: checkpoint and truncate the WAL, submit a few, divide its new size. */
function walGrowthPerSubmit(db: Db, walPath: string, submit: () => void): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  for (let i = 0; i < WAL_SAMPLE_SUBMITS; i += 1) submit();
  return Math.round(statSync(walPath).size / WAL_SAMPLE_SUBMITS);
}
