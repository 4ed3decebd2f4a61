// `kaunter award`: write one award to the outbox and, unless --queue-only, send it now and print the outcome.
import { Option, type Command } from 'commander';
import type { Award } from '../awards/award.ts';
import type { AwardDesk, SubmitOutcome } from '../awards/award-desk.ts';
import { receiptUsedElsewhere, receiptUsedHere } from '../awards/repeated-receipt.ts';
import { MALAYSIA_COUNTRY_CODE } from '../common/malaysian-phone.ts';
import { parseMemberId, parsePhone, type MemberIdentity } from '../common/member.ts';
import { parseRinggit } from '../common/money.ts';
import { startOfShopDay } from '../common/shop-time.ts';
import { say } from '../messages.ts';
import { RECEIPT_CHECK_TIMEOUT_MS } from '../sync/counter-hub.ts';
import { readCredentialFile, type HubCredential } from '../sync/credential-file.ts';
import { HubClient } from '../sync/hub-client.ts';
import { historyStillToCome } from '../sync/join-rules.ts';
import type { EarlierElsewhere } from '../sync/receipts-elsewhere.ts';
import { addDeskOptions, dbPathOf, openDesk, type DeskCommandOptions, type OpenDesk } from './desk.ts';
import { awardReport, EXIT_CODES_HELP } from './award-report.ts';
import { awardLine } from './format.ts';

interface AwardOptions extends DeskCommandOptions {
  amount: string;
  phone?: string;
  memberId?: string;
  qr?: boolean;
  cashier: string;
  receipt?: string;
  awardAgain?: boolean;
  queueOnly?: boolean;
  wait: string;
}

export function registerAwardCommand(program: Command): void {
  const command = program
    .command('award')
    .description('Award spending points for one sale: written to the outbox first, then sent (unless --queue-only).')
    .requiredOption('--amount <ringgit>', 'the sale amount in ringgit, e.g. 12.50')
    .option('--phone <number>', 'the member\'s phone number, e.g. 60172826990 or 017-282 6990')
    .option('--member-id <id>', 'the member\'s RM member ID')
    .option('--qr', 'make a claim QR for a customer without a member card')
    .option('--receipt <ref>', 'the receipt number, for finding the award later')
    .option('--award-again', 'award a receipt that already earned points today (here, or at another counter of the outlet), on purpose')
    .addOption(new Option('--cashier <name>', 'who is awarding').env('KAUNTER_CASHIER').default('cli'))
    .option('--queue-only', 'only write it to the outbox; `kaunter drain` sends it')
    .option('--wait <seconds>', 'how long to wait for RM\'s answer before leaving it to the queue', '60')
    .addHelpText('after', EXIT_CODES_HELP);
  addDeskOptions(command).action((options: AwardOptions) => runAward(options));
}

async function runAward(options: AwardOptions): Promise<void> {
  const amount = parseRinggit(options.amount);
  if (!amount.ok) throw new Error(amount.message);
  const member = memberFrom(options);
  if (options.awardAgain && !options.receipt?.trim()) throw new Error('--award-again is for a receipt that already earned points today: give it with --receipt.');
  if (options.queueOnly && member.type === 'QRCODE') {
    throw new Error('A claim QR needs RM\'s answer while the customer waits, so it cannot be queued. Use --phone or --member-id.');
  }
  const opened = openDesk(options, { needRm: !options.queueOnly, command: 'award', sends: !options.queueOnly });
  try {
    const { desk } = opened;
    const hub = readCredentialFile(dbPathOf(options));
    if (historyStillToCome(opened.db, hub !== null)) {
      throw new Error('This PC has joined head office, and the terminal\'s history has not come back yet: run `kaunter hub restore` before awarding here.');
    }
    if (!options.queueOnly && !desk.startRelay()) {
      throw new Error(
        `Another Kaunter (the desktop app, or another command) is sending for ${dbPathOf(options)}. To try awards against ` +
          'a sandbox of your own without touching that Kaunter\'s awards, give this command its own database with --db FILE ' +
          '(or KAUNTER_DB). To have that Kaunter send this award, add --queue-only.',
      );
    }
    const [preview, elsewhere] = await Promise.all([options.queueOnly ? undefined : previewPoints(opened, amount.sen), receiptElsewhere(hub, options)]);
    // After the last wait and just before the write, as at the counter: no other award on this receipt can come between.
    const reason = repeatedReceiptReason(desk, options, elsewhere);
    const input = { amountSen: amount.sen, member, cashier: options.cashier, receiptRef: options.receipt, pointsPreview: preview };
    const waitMs = options.queueOnly ? 0 : Math.max(1, Number(options.wait)) * 1000;
    const actor = `cashier:${options.cashier}`;
    const result = options.queueOnly ? queued(desk.queue(input, actor, reason)) : await desk.submit(input, actor, waitMs, reason);
    opened.log.info(`cli award: ${awardLine(result.award)}`);
    const report = awardReport(result, { sender: options.queueOnly ? opened.sender : null, rmOffline: desk.connectivity.state === 'offline' });
    for (const line of report.lines) console.log(line);
    process.exitCode = report.exitCode;
  } finally {
    await opened.close();
  }
}

/**
 * As at the counter: a receipt that already earned points today, here or (as head office told) at another counter of
 * the outlet, is refused before anything is written, unless --award-again says it is another sale on it (then the
 * award's trail says so).
 */
function repeatedReceiptReason(desk: AwardDesk, options: AwardOptions, elsewhere: EarlierElsewhere | null): string | undefined {
  const receipt = options.receipt?.trim() ?? '';
  if (receipt === '') return undefined;
  const earlier = desk.awardOnReceiptToday(receipt);
  const used = earlier ? receiptUsedHere(receipt, earlier) : elsewhere ? receiptUsedElsewhere(receipt, elsewhere) : null;
  if (!used) return undefined;
  if (!options.awardAgain) throw new Error(`${used.message} To award it again on purpose, add --award-again.`);
  return say('event.submittedRepeatReceipt', { receipt });
}

/** Head office's word on the receipt at the outlet's other counters, asked while RM is; none without a hub or an answer. */
async function receiptElsewhere(hub: HubCredential | null, options: AwardOptions): Promise<EarlierElsewhere | null> {
  const receipt = options.receipt?.trim() ?? '';
  if (!hub || receipt === '') return null;
  const answer = await new HubClient(hub.hub, hub.credential, RECEIPT_CHECK_TIMEOUT_MS).receiptCheck({ receiptRef: receipt, sinceMs: startOfShopDay(Date.now()) });
  return answer.kind === 'ok' ? answer.value.earlier : null;
}

function queued(award: Award): SubmitOutcome {
  return { settled: false, award, reason: 'still-sending' };
}

/** RM's figure for the amount, through the desk's book of RM's figures, so the award keeps it as RM's (not an estimate). */
async function previewPoints(opened: OpenDesk, sen: number): Promise<number | undefined> {
  const outcome = await opened.desk.points.ask(sen);
  return outcome?.kind === 'success' ? outcome.value : undefined;
}

function memberFrom(options: AwardOptions): MemberIdentity {
  const given = [options.phone !== undefined, options.memberId !== undefined, options.qr === true].filter(Boolean).length;
  if (given !== 1) throw new Error('Give exactly one of --phone, --member-id or --qr.');
  if (options.qr) return { type: 'QRCODE' };
  if (options.memberId !== undefined) {
    const parsed = parseMemberId(options.memberId);
    if (!parsed.ok) throw new Error(parsed.message);
    return { type: 'ID', memberId: parsed.memberId };
  }
  const phone = parsePhone(options.phone ?? '', MALAYSIA_COUNTRY_CODE);
  if (!phone.ok) throw new Error(phone.message);
  return { type: 'PHONENUMBER', countryCode: phone.countryCode, phoneNumber: phone.phoneNumber };
}
