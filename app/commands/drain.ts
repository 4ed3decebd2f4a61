// `kaunter drain`: become this database's relay and send what is queued, oldest first, one at a time.
import type { Command } from 'commander';
import { attemptEndsSince, type AttemptEndCount } from '../awards/attempts.ts';
import { isUnreachable } from '../awards/connectivity.ts';
import { Outbox } from '../awards/outbox.ts';
import { formatShopTime } from '../common/shop-time.ts';
import type { Db } from '../store/database.ts';
import { addDeskOptions, openDesk, type DeskCommandOptions } from './desk.ts';
import { counted } from './format.ts';
import { operatorProblem, UNKNOWN_NEXT } from './operator-words.ts';
import { EXIT } from './award-report.ts';

interface DrainOptions extends DeskCommandOptions {
  untilEmpty?: boolean;
}

export function registerDrainCommand(program: Command): void {
  const command = program
    .command('drain')
    .description('Send queued awards now. With --until-empty, keep going (waiting out outages) until none is queued.')
    .option('--until-empty', 'wait for RM to come back and retry until the queue is empty')
    .addHelpText('after', '\nExit codes: 0 nothing is left queued, 2 awards are still queued (RM unreachable, or retrying later), 1 a problem.');
  addDeskOptions(command).action((options: DrainOptions) => runDrain(options));
}

async function runDrain(options: DrainOptions): Promise<void> {
  const opened = openDesk(options, { needRm: true, command: 'drain' });
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const { desk } = opened;
    if (!desk.startRelay({ background: false })) throw new Error('Another Kaunter is already sending for this database; it will drain the queue.');
    const startedAt = Date.now();
    let stoppedBecause = '';
    for (;;) {
      const pass = await desk.drainDue();
      stoppedBecause = pass.stoppedBecause;
      if (!options.untilEmpty || stop.signal.aborted) break;
      if (desk.counts().queued === 0) break;
      await waitForNextChance(desk, pass.stoppedBecause, stop.signal);
    }
    const counts = desk.counts();
    const summary = `${describeAttempts(attemptEndsSince(opened.db, startedAt))}; left: ${counts.queued} queued, ${counts.unknown} unknown (need a manager)${whyStopped(stoppedBecause, counts.queued, desk, opened.db)}`;
    console.log(summary);
    if (counts.unknown > 0) console.log(UNKNOWN_NEXT);
    opened.log.info(`cli drain: ${summary}`);
    process.exitCode = counts.queued === 0 ? EXIT.done : EXIT.queued;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await opened.close();
  }
}

/** Why awards are left queued, when it is not that they wait for their next try. */
function whyStopped(stoppedBecause: string, queued: number, desk: ReturnType<typeof openDesk>['desk'], db: Db): string {
  if (queued === 0) return '';
  if (stoppedBecause === 'offline') return '. Revenue Monster could not be reached: drain again when the network is back, or use --until-empty';
  const paused = desk.relayStatus?.paused;
  if (stoppedBecause === 'paused' && paused) {
    const { what, fix } = operatorProblem(paused.code);
    return `. Sending is paused: ${what}. ${fix ? `To send them, ${fix}, then drain again` : 'Drain again in a few minutes, or use --until-empty'}`;
  }
  return waitingForNextTry(db);
}

/** Queued awards RM turned away for now wait for their next try, which drain does not bring forward: when, and why. */
function waitingForNextTry(db: Db): string {
  const [next] = new Outbox(db, '').pending().filter((award) => award.state === 'QUEUED').sort((a, b) => a.nextAttemptAt - b.nextAttemptAt);
  if (!next) return '';
  const problem = next.lastError ? operatorProblem(next.lastError.code) : null;
  const last = problem ? ` (the last try: ${problem.what})` : '';
  return `. The next try is due at ${formatShopTime(next.nextAttemptAt)}${last}. ${problem?.fix ? `To send them, ${problem.fix}, then drain again` : 'Drain again then, or use --until-empty'}`;
}

/**
 * What this run's attempts came to. A try RM turned away for now (a signature or clock it did not accept) reached RM
 * and was answered, so it is not said as one that never got there (no connection, as when the network is down).
 */
function describeAttempts(ends: AttemptEndCount[]): string {
  const count = (matches: (end: AttemptEndCount) => boolean): number => ends.filter(matches).reduce((sum, end) => sum + end.count, 0);
  const success = count((end) => end.outcome === 'success');
  const rejected = count((end) => end.outcome === 'rejected');
  const maybeApplied = count((end) => end.outcome === 'maybeApplied');
  const unreachable = count((end) => end.outcome === 'notApplied' && end.errorCode !== null && isUnreachable(end.errorCode));
  const turnedAway = count((end) => end.outcome === 'notApplied') - unreachable;
  const parts = [`awarded ${success}`];
  if (rejected) parts.push(`refused by RM ${rejected}`);
  if (maybeApplied) parts.push(`no answer ${maybeApplied} (now unknown)`);
  if (turnedAway) parts.push(`${counted(turnedAway, 'try', 'tries')} turned away by RM for now`);
  if (unreachable) parts.push(`${counted(unreachable, 'try', 'tries')} did not reach RM`);
  return parts.join(', ');
}

async function waitForNextChance(desk: ReturnType<typeof openDesk>['desk'], reason: string, signal: AbortSignal): Promise<void> {
  if (reason === 'offline') {
    await Promise.race([desk.connectivity.whenOnline(), aborted(signal)]);
    return;
  }
  const due = desk.nextDueAt();
  const waitMs = reason === 'paused' ? 5_000 : Math.max(50, (due ?? Date.now()) - Date.now());
  await Promise.race([new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, 60_000))), aborted(signal)]);
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
