// Durable submit latency: `Outbox.submit` on a real file (WAL, synchronous=FULL: validated, written as QUEUED with its
// first event, committed and synced) against the floor of durability on the same disk, one fs.writeSync + fs.fsyncSync of
// a row-sized buffer appended to a file in the same folder. Two more candidates explain the gap: the same fsync'd append
// with as many bytes as one submit really adds to the WAL, and the same submit on a file with synchronous=OFF (CPU and
// SQLite without the disk wait).
//   node --import tsx test/bench/submit-latency.bench.ts [--quick] [--out-dir <dir>]
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
  const baselineFd = openSync(join(work.path, 'fsync-baseline.bin'), 'a');
  const walSizedFd = openSync(join(work.path, 'fsync-wal-sized.bin'), 'a');
  try {
    report.check('journal_mode of the measured file', 'wal', durable.pragma('journal_mode', { simple: true }) as string);
    report.check('synchronous of the measured file (2 = FULL)', 2, durable.pragma('synchronous', { simple: true }) as number);
    const members = benchMembers(50);
    let serial = 0;
    const submitter = (db: Db): (() => void) => {
      const outbox = new Outbox(db, 'T1');
      return () => {
        serial += 1;
        const input = { amountSen: amountFor(serial), member: identityFor(serial, members), cashier: CASHIERS[serial % CASHIERS.length], receiptRef: `R-${100_000 + serial}`, pointsPreview: Math.floor(amountFor(serial) / 100) };
        outbox.submit(input, `cashier:${input.cashier}`);
      };
    };
    const submitDurable = submitter(durable);
    const submitUnsynced = submitter(unsynced);
    submitDurable();
    const rowBytes = Buffer.byteLength(JSON.stringify(durable.prepare('SELECT * FROM awards ORDER BY seq DESC LIMIT 1').get()));
    const walBytesPerSubmit = walGrowthPerSubmit(durable, join(work.path, 'awards.db-wal'), submitDurable);
    report.size('rowBytes', rowBytes);
    report.size('walBytesPerSubmit', walBytesPerSubmit);
    console.log(`row-sized buffer: ${rowBytes} bytes (one award row as JSON); WAL bytes per submit: ${walBytesPerSubmit}; files in ${work.path}`);

    const candidates = {
      durable: submitDurable,
      unsynced: submitUnsynced,
      fsync: fsyncedAppend(baselineFd, rowBytes),
      walSized: fsyncedAppend(walSizedFd, walBytesPerSubmit),
    };
    const names = ['fsync', 'durable', 'walSized', 'unsynced'] as const;
    for (const name of names) for (let i = 0; i < warmup; i += 1) candidates[name]();
    const samples = { durable: [] as number[], unsynced: [] as number[], fsync: [] as number[], walSized: [] as number[] };
    for (let round = 0; round < rounds; round += 1) {
      for (const name of names) {
        for (let i = 0; i < perRound; i += 1) samples[name].push(timeSync(candidates[name]));
      }
    }

    const submit = summarize(samples.durable);
    const noSync = summarize(samples.unsynced);
    const fsync = summarize(samples.fsync);
    const walSized = summarize(samples.walSized);
    printTable(
      `Latency over ${rounds * perRound} operations each, alternating rounds of ${perRound} (ms)`,
      ['operation', 'p50', 'p95', 'p99', 'mean', 'max'],
      [
        row4('Outbox.submit (WAL, synchronous=FULL)', submit),
        row4(`writeSync + fsyncSync, ${rowBytes} B row (baseline)`, fsync),
        row4(`writeSync + fsyncSync, ${walBytesPerSubmit} B (one submit's WAL)`, walSized),
        row4('Outbox.submit, synchronous=OFF (no fsync)', noSync),
      ],
    );
    for (const p of ['p50', 'p95', 'p99'] as const) {
      report.figure(`submit ${p}`, submit[`${p}Ms`], 'ms');
      report.figure(`fsync'd write ${p} (baseline)`, fsync[`${p}Ms`], 'ms');
    }
    report.figure("fsync'd write of one submit's WAL bytes p50", walSized.p50Ms, 'ms');
    report.figure("fsync'd write of one submit's WAL bytes p99", walSized.p99Ms, 'ms');
    report.figure('submit p50 with synchronous=OFF', noSync.p50Ms, 'ms');
    report.figure('submits per second (1 / mean)', 1000 / submit.meanMs, 'submits/s');
    report.figure('WAL bytes written per submit', walBytesPerSubmit, 'bytes');
    report.ratio('submit / fsync\'d write at p50', 'submit p50', "fsync'd write p50 (baseline)");
    report.ratio('submit / fsync\'d write at p99', 'submit p99', "fsync'd write p99 (baseline)");
    report.ratio("submit / fsync'd write of its WAL bytes at p50", 'submit p50', "fsync'd write of one submit's WAL bytes p50");
    report.ratio('no-sync submit / durable submit at p50', 'submit p50 with synchronous=OFF', 'submit p50');
    report.detail('submit', submit);
    report.detail('baseline', fsync);
    report.detail('walSizedWrite', walSized);
    report.detail('submitSynchronousOff', noSync);
    report.note(`One submit appends about ${Math.round(walBytesPerSubmit)} bytes of WAL frames (whole 4 KiB pages: the awards row, its indexes and the event) and syncs once; the baseline syncs ${rowBytes} bytes.`);
    report.finish();
  } finally {
    closeSync(baselineFd);
    closeSync(walSizedFd);
    durable.close();
    unsynced.close();
    work.remove();
  }
});

function fsyncedAppend(fd: number, bytes: number): () => void {
  const buffer = Buffer.alloc(bytes, 0x61);
  return () => {
    writeSync(fd, buffer);
    fsyncSync(fd);
  };
}

/** WAL bytes one submit appends: checkpoint and truncate the WAL, submit a few, divide its new size. */
function walGrowthPerSubmit(db: Db, walPath: string, submit: () => void): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  for (let i = 0; i < WAL_SAMPLE_SUBMITS; i += 1) submit();
  return statSync(walPath).size / WAL_SAMPLE_SUBMITS;
}

function row4(label: string, summary: LatencySummary): [string, number, number, number, number, number] {
  return [label, summary.p50Ms, summary.p95Ms, summary.p99Ms, summary.meanMs, summary.maxMs];
}
