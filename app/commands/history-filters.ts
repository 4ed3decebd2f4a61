// The history filters as command-line options, shared by `kaunter history` and `kaunter hub history` (and their days,
// cashier and output by `kaunter shifts`). Pure: no database here, so the hub can use it.
import type { Command } from 'commander';
import type { z } from 'zod';
import { AWARD_STATES, type AwardState } from '../awards/award.ts';
import { historyFilterSchema, type HistoryFilter } from '../awards/history-filter.ts';
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
  addPeriodOptions(command, { from: 'from this day', to: 'up to and including this day' })
    .option('--state <state...>', `only these states: ${AWARD_STATES.join(', ')}, or as the screens say them (awarded, refused, needs-review...)`)
    .option('--member <id-or-digits>', 'a member ID, or the last digits of a phone number')
    .option('--receipt <ref>', 'this receipt number');
  return addOutputOptions(command, 'print one JSON array of awards, each with its attempts');
}

/** The days (or times) and the cashier: what `kaunter history` and `kaunter shifts` both filter by. */
export function addPeriodOptions(command: Command, say: { from: string; to: string }): Command {
  return command
    .option('--from <date>', `${say.from} (25/11/2026 or 2026-11-25, shop time) or ISO time with its zone`)
    .option('--to <date>', `${say.to}, or before this ISO time`)
    .option('--cashier <name>', 'only this cashier');
}

/** A table for a person, or everything as one JSON array or as CSV for Excel. */
export function addOutputOptions(command: Command, json: string): Command {
  return command
    .option('--json', json)
    .option('--csv', 'print CSV for Excel (UTF-8 with BOM)')
    .option('--out <file>', 'with --json or --csv: write to this file instead of standard output')
    .option('--limit <n>', 'rows in the table view (history: at most 500)', '50');
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

export function filterFrom(options: HistoryFilterOptions): HistoryFilter {
  const fromMs = options.from === undefined ? undefined : parseDateOption(options.from, false);
  const toMs = options.to === undefined ? undefined : parseDateOption(options.to, true);
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) throw new Error(`--from ${options.from} is not before --to ${options.to}: nothing could match.`);
  const parsed = historyFilterSchema.safeParse({
    // Times are kept from 1970 on, and no award is older: an earlier --from (even 1970-01-01, whose midnight in the
    // shop's time is before 1970 in UTC) asks for every award.
    fromMs: fromMs === undefined ? undefined : Math.max(0, fromMs),
    toMs,
    // The same state named twice (or as Refused and REJECTED) asks for nothing more.
    states: options.state && [...new Set(options.state.map(stateOf))],
    cashier: options.cashier,
    member: options.member,
    receipt: options.receipt,
  });
  if (!parsed.success) throw new Error(filterProblem(parsed.error.issues[0]));
  return parsed.data;
}

/** The option a filter's field comes from, as the operator typed it. */
const OPTION_OF: Record<string, string> = {
  fromMs: '--from',
  toMs: '--to',
  states: '--state',
  cashier: '--cashier',
  member: '--member',
  receipt: '--receipt',
  outlet: '--outlet',
  terminal: '--terminal',
};

/** A filter the schema refused, said by its option: the schema's own words name a field and speak of strings. */
export function filterProblem(issue: z.core.$ZodIssue | undefined): string {
  const option = OPTION_OF[String(issue?.path[0])] ?? 'A filter';
  const stringLength = (issue?.code === 'too_big' || issue?.code === 'too_small') && issue.origin === 'string';
  if (stringLength && issue.code === 'too_big') return `${option} is too long: at most ${String(issue.maximum)} characters.`;
  if (stringLength) return `${option} is empty: give it a value, or leave it out.`;
  // Only --to reaches this (--from is raised to 1970 above): times are kept from 1970 on.
  if (issue?.code === 'too_small' && issue.origin === 'number') return `${option} is before 1970, and nothing Kaunter keeps is that old: give a later day.`;
  return `${option} cannot be used: ${issue?.message ?? 'it is not valid'}.`;
}
