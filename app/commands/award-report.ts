// What `kaunter award` prints about the award it made, and its exit code: for support staff or a script, what happened
// (with the code to search for) and which command to run next, never the cashier's "a manager will check".
import type { Award } from '../awards/award.ts';
import type { SubmitOutcome } from '../awards/award-desk.ts';
import { awardLine } from './format.ts';
import { isRefusal, operatorProblem } from './operator-words.ts';

/**
 * 0: done as asked (awarded, or queued with --queue-only); 2: meant to send, left queued; 3: unknown; 4: refused;
 * 5: no claim QR could be made (nothing awarded, nothing left to send: run the command again).
 */
export const EXIT = { done: 0, queued: 2, unknown: 3, refused: 4, noQr: 5 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP =
  '\nExit codes: 0 done as asked (awarded; or queued, with --queue-only), 2 meant to send but left queued (run `kaunter drain`),\n' +
  '3 outcome unknown (RM may have given the points: `kaunter resolve ID`), 4 refused by RM (sending it again fails again),\n' +
  '5 no claim QR could be made (nothing awarded: try again), 1 bad input or another problem.';

export interface AwardReport {
  lines: string[];
  exitCode: ExitCode;
}

export interface ReportContext {
  /** With --queue-only, who sends it and to which RM; null: this command meant to send it. */
  sender: string | null;
  /** RM could not be reached when the command stopped waiting: said when the award carries no error of its own. */
  rmOffline: boolean;
}

export function awardReport(result: SubmitOutcome, { sender, rmOffline }: ReportContext): AwardReport {
  const { award } = result;
  const first = awardLine(award);
  switch (award.state) {
    case 'AWARDED':
      return { lines: award.qrCodeUrl ? [first, `Claim QR: ${award.qrCodeUrl}`] : [first], exitCode: EXIT.done };
    case 'QUEUED':
    case 'SENDING':
      if (sender !== null) return { lines: [first, `Queued. ${sender}`], exitCode: EXIT.done };
      return { lines: [first, ...leftQueued(result, rmOffline)], exitCode: EXIT.queued };
    case 'UNKNOWN':
      return { lines: [first, ...unknownOutcome(award)], exitCode: EXIT.unknown };
    case 'REJECTED':
    case 'VOIDED':
    case 'CANCELLED':
      return notAwarded(award, first);
  }
}

function leftQueued(result: SubmitOutcome, rmOffline: boolean): string[] {
  const code = result.award.lastError?.code;
  const problem = code ? operatorProblem(code) : null;
  const offline = rmOffline || (!result.settled && result.reason === 'offline');
  const cause = problem?.what ?? (offline ? 'RM could not be reached' : 'RM did not answer in the time given by --wait');
  const send = 'run `kaunter drain` to send it (`kaunter drain --until-empty` waits until RM can be reached), or leave it to a Kaunter running on this database';
  return [`Not sent yet: ${cause}. It stays in the outbox.`, `Next: ${problem?.fix ? `${problem.fix}; then ` : ''}${send}.`];
}

function unknownOutcome(award: Award): string[] {
  const cause = award.lastError ? `${operatorProblem(award.lastError.code).what}. ` : '';
  return [
    `Outcome unknown: ${cause}RM may have given the points, so Kaunter does not send it again by itself.`,
    `Next: \`kaunter resolve ${award.id}\` shows RM's evidence; then kaunter resolve ${award.id} --credited|--resend|--void --reason "..."`,
  ];
}

function notAwarded(award: Award, first: string): AwardReport {
  const code = award.lastError?.code;
  if (!code) return { lines: [first, `Not awarded: ${award.resolution?.reason ?? award.state}.`], exitCode: EXIT.refused };
  const problem = operatorProblem(code);
  if (award.member.type === 'QRCODE' && !isRefusal(code)) {
    return {
      lines: [first, `No claim QR was made: ${problem.what}, so nobody can claim it and nothing was awarded.`, 'Next: run the same command again, or award to the member with --phone or --member-id.'],
      exitCode: EXIT.noQr,
    };
  }
  return { lines: [first, `Not awarded: ${problem.what}.`, ...(problem.fix ? [`Next: ${problem.fix}, then award again.`] : [])], exitCode: EXIT.refused };
}
