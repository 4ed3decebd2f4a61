// The latency of one award through the full RM client (cached token, canonical body, signature, a fresh connection,
// the sandbox's checks and ledger, the reply parsed) against a bare node:http POST of the same body to the same sandbox
// process, which answers it at once (a bearer token it never issued). The two alternate request by request.
//   node test/bench/award-latency.bench.ts [--quick] [--out-dir <dir>]
import { canonicalJson } from '../../app/rm/canonical.ts';
import { spendingRewardBody } from '../../app/rm/loyalty.ts';
import { closeIdleConnections } from '../../app/rm/transport.ts';
import { barePost } from './lib/bare-post.ts';
import { amountFor, benchCredentials, benchMembers, connectClient, identityFor } from './lib/bench-rm.ts';
import { printTable } from './lib/format.ts';
import { runSizedBenchmark } from './lib/report.ts';
import { startSandboxProcess } from './lib/sandbox-process.ts';
import { summarize, type LatencySummary } from './lib/stats.ts';
import { makeWorkDir } from './lib/work-dir.ts';

const MEMBERS = 200;

runSizedBenchmark('award-latency', { awards: [60, 2_000], warmupAwards: [20, 200] }, async ({ args, report, sizes }) => {
  const { awards: count, warmupAwards: warmup } = sizes;
  const work = makeWorkDir(args.outDir, 'award-latency');
  const credentials = await benchCredentials();
  const members = benchMembers(MEMBERS);
  const sandbox = await startSandboxProcess(work.path, 'sandbox', credentials.app, members);
  const rm = connectClient(sandbox.url, credentials);
  const awardUrl = `${sandbox.url}/v3/loyalty/spending-reward`;
  try {
    const award = async (i: number): Promise<{ totalMs: number; preSendMs: number }> => {
      const started = performance.now();
      let preSendMs = Number.NaN;
      const outcome = await rm.loyalty.spendingReward(amountFor(i), identityFor(i, members), {
        beforeSend: () => {
          preSendMs = performance.now() - started;
        },
      });
      const totalMs = performance.now() - started;
      if (outcome.kind !== 'success') throw new Error(`award ${i} failed: ${outcome.kind} ${outcome.error.code} ${outcome.error.message}`);
      return { totalMs, preSendMs };
    };
    const bare = async (i: number): Promise<number> => {
      const body = canonicalJson(spendingRewardBody(amountFor(i), identityFor(i, members)));
      const started = performance.now();
      const response = await barePost(awardUrl, body);
      const elapsed = performance.now() - started;
      if (response.status !== 401) throw new Error(`the baseline request got HTTP ${response.status}, expected 401: ${response.body}`);
      return elapsed;
    };

    for (let i = 0; i < warmup; i += 1) {
      await award(i);
      await bare(i);
    }
    const awardMs: number[] = [];
    const preSendMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = warmup; i < warmup + count; i += 1) {
      bareMs.push(await bare(i));
      const timing = await award(i);
      awardMs.push(timing.totalMs);
      preSendMs.push(timing.preSendMs);
    }
    const ledger = await sandbox.ledger();
    report.check('sandbox ledger entries (warm-up + measured awards)', warmup + count, ledger.length);

    const awards = summarize(awardMs);
    const baseline = summarize(bareMs);
    const preSend = summarize(preSendMs);
    printTable(
      `Latency over ${count} requests each (ms)`,
      ['request', 'p50', 'p95', 'p99', 'mean', 'max'],
      [row('award (full client)', awards), row('  of which before send (token, sign)', preSend), row('bare POST (baseline)', baseline)],
    );
    for (const p of ['p50', 'p95', 'p99'] as const) {
      report.figure(`award ${p}`, awards[`${p}Ms`], 'ms');
      report.figure(`bare POST ${p} (baseline)`, baseline[`${p}Ms`], 'ms');
    }
    report.figure('award before-send p50 (token cache + signing)', preSend.p50Ms, 'ms');
    report.figure('award mean', awards.meanMs, 'ms');
    report.figure('bare POST mean (baseline)', baseline.meanMs, 'ms');
    for (const p of ['p50', 'p95', 'p99'] as const) report.ratio(`award / bare POST at ${p}`, `award ${p}`, `bare POST ${p} (baseline)`);
    report.detail('award', awards);
    report.detail('baseline', baseline);
    report.detail('beforeSend', preSend);
    report.note('Baseline: a bare node:http POST (fresh connection, like every award) of the same body and header sizes to the same sandbox route; the sandbox answers 401 TOKEN_INVALID at once.');
    report.note('The sandbox runs as its own process (kaunter sandbox), so it verifies on the second core; award and baseline alternate request by request.');
    report.finish();
  } finally {
    closeIdleConnections();
    await sandbox.stop();
    work.remove();
  }
});

function row(label: string, summary: LatencySummary): [string, number, number, number, number, number] {
  return [label, summary.p50Ms, summary.p95Ms, summary.p99Ms, summary.meanMs, summary.maxMs];
}
