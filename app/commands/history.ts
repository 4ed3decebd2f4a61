// `kaunter history`: the award history, as a table, one JSON array (--json) or CSV for Excel (--csv).
import { once } from 'node:events';
import type { Command } from 'commander';
import { AWARD_STATES, type AwardState } from '../awards/award.ts';
import { exportCsv } from '../awards/export.ts';
import { historyFilterSchema, historyPage, type HistoryFilter } from '../awards/history.ts';
import { attemptsOf } from '../awards/records.ts';
import { memberFields } from '../member.ts';
import { privateWriteStream } from '../private-files.ts';
import { SHOP_UTC_OFFSET_MINUTES } from '../shop-time.ts';
import type { Db } from '../store/database.ts';
import { addDeskOptions, openDb, type DeskCommandOptions } from './desk.ts';
import { awardLine, parseDateOption } from './format.ts';

interface HistoryOptions extends DeskCommandOptions {
  from?: string;
  to?: string;
  state?: string[];
  cashier?: string;
  member?: string;
  receipt?: string;
  json?: boolean;
  csv?: boolean;
  out?: string;
  limit: string;
}

export function registerHistoryCommand(program: Command): void {
  const command = program
    .command('history')
    .description('Show award history, newest first; filter it; print it as JSON or CSV.')
    .option('--from <date>', 'from this day (25/11/2026 or 2026-11-25, shop time) or ISO time with its zone')
    .option('--to <date>', 'up to and including this day, or before this ISO time')
    .option('--state <state...>', `only these states: ${AWARD_STATES.join(', ')}, or as the screens say them (awarded, refused, needs-review...)`)
    .option('--cashier <name>', 'only this cashier')
    .option('--member <id-or-digits>', 'a member ID, or the last digits of a phone number')
    .option('--receipt <ref>', 'this receipt number')
    .option('--json', 'print one JSON array of awards, each with its attempts')
    .option('--csv', 'print CSV for Excel (UTF-8 with BOM)')
    .option('--out <file>', 'with --csv: write to this file instead of standard output')
    .option('--limit <n>', 'rows in the table view', '50');
  addDeskOptions(command).action((options: HistoryOptions) => runHistory(options));
}

async function runHistory(options: HistoryOptions): Promise<void> {
  if (options.json && options.csv) throw new Error('Choose one of --json and --csv.');
  const filter = filterFrom(options);
  const db = openDb(options);
  try {
    if (options.csv) await printCsv(db, filter, options.out);
    else if (options.json) await printJson(db, filter);
    else printTable(db, filter, Number(options.limit));
  } finally {
    db.close();
  }
}

/** A state as the CLI or the screens name it, in any case: REJECTED is "Refused" on screen, UNKNOWN "Needs review". */
const STATE_NAMES: Record<string, AwardState> = {
  ...Object.fromEntries(AWARD_STATES.map((state) => [state.toLowerCase(), state])),
  refused: 'REJECTED',
  'needs review': 'UNKNOWN',
  'needs-review': 'UNKNOWN',
  review: 'UNKNOWN',
  canceled: 'CANCELLED',
};

function stateOf(text: string): AwardState {
  const state = STATE_NAMES[text.trim().toLowerCase()];
  if (!state) throw new Error(`"${text}" is not a state: use ${AWARD_STATES.join(', ')} (any case), refused or needs-review.`);
  return state;
}

function filterFrom(options: HistoryOptions): HistoryFilter {
  const fromMs = options.from === undefined ? undefined : parseDateOption(options.from, false);
  const toMs = options.to === undefined ? undefined : parseDateOption(options.to, true);
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) throw new Error(`--from ${options.from} is not before --to ${options.to}: nothing could match.`);
  const parsed = historyFilterSchema.safeParse({
    fromMs,
    toMs,
    states: options.state?.map(stateOf),
    cashier: options.cashier,
    member: options.member,
    receipt: options.receipt,
  });
  if (!parsed.success) throw new Error(`Bad filter: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function printTable(db: Db, filter: HistoryFilter, limit: number): void {
  const page = historyPage(db, filter, null, Number.isFinite(limit) && limit > 0 ? limit : 50);
  for (const award of page.items) console.log(awardLine(award));
  if (page.nextCursor) console.log('(more: narrow the filter, or use --json / --csv for everything)');
}

/** One JSON array, written page by page so a year of awards never sits in memory at once. */
async function printJson(db: Db, filter: HistoryFilter): Promise<void> {
  let cursor: string | null = null;
  let first = true;
  process.stdout.write('[');
  do {
    const page = historyPage(db, filter, cursor, 500);
    for (const award of page.items) {
      const m = award.member;
      const item = {
        id: award.id,
        state: award.state,
        amountSen: award.amountSen,
        createdAt: new Date(award.createdAt).toISOString(),
        cashier: award.cashier,
        terminalId: award.terminalId,
        receiptRef: award.receiptRef,
        memberType: m.type,
        ...memberFields(m),
        pointsPreview: award.pointsPreview,
        rmItemId: award.rmItemId,
        qrCodeUrl: award.qrCodeUrl,
        lastError: award.lastError,
        resolution: award.resolution,
        attempts: attemptsOf(db, award.id).map(({ nonce, timestamp, outcome, errorCode }) => ({ nonce, timestamp, outcome, errorCode })),
      };
      if (!process.stdout.write(`${first ? '' : ','}${JSON.stringify(item)}`)) await once(process.stdout, 'drain');
      first = false;
    }
    cursor = page.nextCursor;
  } while (cursor);
  process.stdout.write(']\n');
}

async function printCsv(db: Db, filter: HistoryFilter, outPath: string | undefined): Promise<void> {
  const out = outPath ? privateWriteStream(outPath, 'w') : process.stdout;
  // Progress only where a person watches it: on a terminal, redrawn in place; never in a redirected log.
  const progress = outPath && process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\r\x1b[Kexported ${done} of ${total}`) : undefined;
  const rows = await exportCsv(db, filter, out, { utcOffsetMinutes: SHOP_UTC_OFFSET_MINUTES, ...(progress ? { onProgress: progress } : {}) });
  if (outPath) {
    out.end();
    await once(out, 'finish');
    process.stderr.write(`${progress ? '\r\x1b[K' : ''}exported ${rows} awards to ${outPath}\n`);
  }
}
