// The history filters as command-line options, shared by `kaunter history` and `kaunter hub history`. Pure: no
// database here, so the hub can use it.
import { Option, type Command } from 'commander';
import { AWARD_STATES, type AwardState } from '../awards/award.ts';
import { historyFilterSchema, type HistoryFilter } from '../awards/history.ts';
import { parseDateOption } from './format.ts';

/** The history filters and output choices, shared with `kaunter hub history`. */
export interface HistoryFilterOptions {
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

export function addHistoryFilterOptions(command: Command): Command {
  return command
    .option('--from <date>', 'from this day (YYYY-MM-DD, Malaysian time) or ISO time')
    .option('--to <date>', 'up to and including this day, or before this ISO time')
    .addOption(new Option('--state <state...>', 'only these states').choices([...AWARD_STATES]))
    .option('--cashier <name>', 'only this cashier')
    .option('--member <id-or-digits>', 'a member ID, or the last digits of a phone number')
    .option('--receipt <ref>', 'this receipt number')
    .option('--json', 'print one JSON array of awards, each with its attempts')
    .option('--csv', 'print CSV for Excel (UTF-8 with BOM)')
    .option('--out <file>', 'with --csv: write to this file instead of standard output')
    .option('--limit <n>', 'rows in the table view', '50');
}

export function filterFrom(options: HistoryFilterOptions): HistoryFilter {
  const parsed = historyFilterSchema.safeParse({
    fromMs: options.from === undefined ? undefined : parseDateOption(options.from, false),
    toMs: options.to === undefined ? undefined : parseDateOption(options.to, true),
    states: options.state as AwardState[] | undefined,
    cashier: options.cashier,
    member: options.member,
    receipt: options.receipt,
  });
  if (!parsed.success) throw new Error(`Bad filter: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

