// `kaunter resolve`: a manager settles an award whose outcome is unknown. Without a decision it shows RM's evidence.
import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import { gatherEvidence, resolveUnknown, type Decision, type Evidence } from '../awards/reconcile.ts';
import { formatDuration } from '../common/duration.ts';
import { formatShopTime } from '../common/shop-time.ts';
import { hubNeighbours } from '../sync/chain-neighbours.ts';
import { readCredentialFile } from '../sync/credential-file.ts';
import { HubClient } from '../sync/hub-client.ts';
import { HubPusher } from '../sync/pusher.ts';
import { addDeskOptions, dbPathOf, openDesk, type DeskCommandOptions } from './desk.ts';
import { awardLine, counted } from './format.ts';
import { operatorProblem } from './operator-words.ts';

interface ResolveOptions extends DeskCommandOptions {
  credited?: boolean;
  resend?: boolean;
  void?: boolean;
  reason?: string;
  manager: string;
}

export function registerResolveCommand(program: Command): void {
  const command = program
    .command('resolve')
    .description(
      'Settle an UNKNOWN award (--credited, --resend or --void, with --reason); alone, show RM\'s evidence. On a terminal joined to a hub, showing it may first send the hub what it has not got yet, as `kaunter sync` does (carrying out head office\'s decisions too).',
    )
    .argument('<award-id>', 'the award, as `kaunter queue` lists it')
    .option('--credited', 'RM did give the points: mark it AWARDED')
    .option('--resend', 'RM did not give the points: queue it again (a new attempt, a new nonce)')
    .option('--void', 'do not award it')
    .option('--reason <text>', 'why (kept in the award\'s history)')
    .addOption(new Option('--manager <name>', 'who decides').env('KAUNTER_MANAGER').default(userInfo().username));
  addDeskOptions(command).action((awardId: string, options: ResolveOptions) => runResolve(awardId, options));
}

async function runResolve(awardId: string, options: ResolveOptions): Promise<void> {
  const decision = decisionOf(options);
  const opened = openDesk(options, { needRm: decision === null, command: 'resolve' });
  try {
    if (decision === null) {
      if (!opened.loyalty) throw new Error('Showing evidence needs RM credentials.');
      // A terminal that joined a hub also weighs the other counters' awards to the same member.
      const hub = readCredentialFile(dbPathOf(options));
      const client = hub ? new HubClient(hub.hub, hub.credential) : null;
      const chain = client ? hubNeighbours(client, () => new HubPusher({ db: opened.db, client }).pushPending()) : undefined;
      printEvidence(await gatherEvidence(opened.db, awardId, opened.loyalty, Date.now(), chain));
      return;
    }
    if (!options.reason) throw new Error('Give --reason: a few words on why, kept in the award\'s history.');
    const award = resolveUnknown(opened.db, awardId, decision, options.manager, options.reason, Date.now());
    opened.log.info(`cli resolve: ${award.id} ${decision} by ${options.manager}: ${options.reason}`);
    console.log(awardLine(award));
    if (decision === 'resend') console.log('Queued again: `kaunter drain` (or a running Kaunter) sends it with a new attempt.');
  } finally {
    await opened.close();
  }
}

function decisionOf(options: ResolveOptions): Decision | null {
  const chosen = (['credited', 'resend', 'void'] as const).filter((d) => options[d]);
  if (chosen.length > 1) throw new Error('Choose one of --credited, --resend and --void.');
  return chosen[0] ?? null;
}

function printEvidence(evidence: Evidence): void {
  console.log(`member: ${evidence.memberId ?? '(unknown)'}; expected points: ${evidence.expectedPoints ?? '(unknown)'}`);
  console.log(`Revenue Monster's credits to the member from ${formatShopTime(evidence.window.fromMs)} to ${formatShopTime(evidence.window.toMs)}:${evidence.candidates.length === 0 ? ' none' : ''}`);
  for (const c of evidence.candidates) {
    console.log(`  credit ${counted(c.entry.points, 'point')} at ${rmTime(c.entry.createdAt)}, ${fromAttempt(c.secondsFromAttempt)}${c.pointsMatch ? '  <- matches' : ''}  ${c.entry.description ?? ''}`.trimEnd());
  }
  // Neighbours are found by the member's ID or phone, which a claim QR never has: none needs the unclaimed QR's words.
  for (const n of evidence.neighbours) console.log(`  other award ${n.id}: ${n.state}, ${n.pointsPreview === null ? '? points' : counted(n.pointsPreview, 'point')}`);
  if (evidence.error) console.log(`RM could not be asked: ${operatorProblem(evidence.error.code).what}. Run this again to ask once more.`);
  console.log(`suggestion: ${evidence.suggestion}: ${evidence.explanation}`);
}

/** RM's timestamp in shop time, as every other time the command line prints; as RM wrote it if it does not parse. */
function rmTime(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : formatShopTime(ms);
}

/** "2s after the attempt", "1h 59m 57s before the attempt": a signed count of seconds read wrongly at a glance. */
function fromAttempt(seconds: number): string {
  if (Math.round(seconds) === 0) return 'the same second as the attempt';
  return `${formatDuration(seconds, 'en-MY')} ${seconds < 0 ? 'before' : 'after'} the attempt`;
}
