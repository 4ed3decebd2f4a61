// What an RM or Kaunter failure means to whoever runs the command line (support staff, a script's log), in their words:
// what happened, with the code to search for, and what they can change. The words of each code are in its entry in
// app/rm/errors.ts, beside the cashier's ("a manager will check", "Check them in Settings"); here they are put together.
import { say } from '../messages.ts';
import { describeCode, operatorWords } from '../rm/errors.ts';
import { StoreError, type StoreProblem } from '../store/errors.ts';

/** What to do about awards whose outcome is unknown, said wherever the command line counts them. */
export const UNKNOWN_NEXT =
  'RM may have given the points of an unknown award, so nothing sends one again by itself: `kaunter queue` lists them, `kaunter resolve ID` shows the evidence for one and settles it.';

export interface OperatorProblem {
  /** What happened, ending with its code in brackets: "RM could not be reached (NETWORK_UNREACHABLE)". */
  what: string;
  /** What to change before trying again, or null when trying again is all there is to do. */
  fix: string | null;
}

export function operatorProblem(code: string): OperatorProblem {
  const { what, fix } = operatorWords(code);
  return { what: `${what} (${code})`, fix };
}

/** A definite refusal of this award (by RM, or by Kaunter before sending): the same award sent again fails again. */
export function isRefusal(code: string): boolean {
  return describeCode(code).kind === 'rejected';
}

/**
 * The database's problems as the command line says them. The app's words end "restart Kaunter" or name its windows; a
 * command starts afresh each time, so its next step is to run it again once the cause is fixed.
 */
const STORE_WORDS: Readonly<Record<StoreProblem, string>> = {
  'disk-full': 'The disk is full, so Kaunter cannot write to its database. Free some space, then run the command again. Nothing already saved was lost.',
  'read-only': 'Kaunter cannot write to its database (the file or its folder is read-only, or on a read-only drive). Check that this user may write to the file and its folder, then run the command again.',
  corrupt: "Kaunter's database is damaged. Do not delete it: it may hold awards not yet sent. Stop every Kaunter using it, and contact support.",
  'cannot-open': 'Kaunter cannot open its database. Check that the folder exists and that this user may write to it (--db, KAUNTER_DB), then run the command again.',
  busy: "Another program held Kaunter's database for too long. Wait for the other Kaunter or command using it to finish, then run the command again.",
  'too-new': "This database was written by a newer version of Kaunter. Use the newer version's `kaunter` with it, not this older one.",
  unknown: 'Kaunter could not use its database. Check the disk, then run the command again.',
};

/** Why a command failed, in the command line's words: a store error's own words are the app's, so they are swapped. */
export function commandErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!(error instanceof StoreError)) return error.message;
  // What the store adds after its words (the file, SQLite's own detail) is kept.
  const appWords = say(`store.${error.problem}`);
  return error.message.startsWith(appWords) ? `${STORE_WORDS[error.problem]}${error.message.slice(appWords.length)}` : error.message;
}
