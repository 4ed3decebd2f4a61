// `kaunter queue`: what is still owed an outcome (queued, being sent, waiting for a manager), oldest first.
import type { Command } from 'commander';
import { attemptsOf } from '../awards/records.ts';
import { Outbox } from '../awards/outbox.ts';
import { addDeskOptions, openDb, type DeskCommandOptions } from './desk.ts';
import { awardLine } from './format.ts';
import { UNKNOWN_NEXT } from './operator-words.ts';

const QUEUED_NEXT = '`kaunter drain` sends the queued ones now (or a Kaunter running on this database does).';

export function registerQueueCommand(program: Command): void {
  const command = program
    .command('queue')
    .description('List awards not yet settled: QUEUED, SENDING and UNKNOWN (needs a manager), oldest first.')
    .option('--json', 'print one JSON array');
  addDeskOptions(command).action((options: DeskCommandOptions & { json?: boolean }) => {
    const db = openDb(options, 'queue');
    try {
      const outbox = new Outbox(db, options.terminal);
      const pending = outbox.pending();
      if (options.json) {
        console.log(JSON.stringify(pending.map((award) => ({ ...award, attempts: attemptsOf(db, award.id).length }))));
        return;
      }
      for (const award of pending) {
        const error = award.lastError ? `  last error: ${award.lastError.code}` : '';
        console.log(`${awardLine(award)}  attempts: ${attemptsOf(db, award.id).length}${error}`);
      }
      const counts = outbox.counts();
      console.log(`${counts.queued} queued, ${counts.sending} sending, ${counts.unknown} unknown (need a manager)`);
      if (counts.queued > 0) console.log(QUEUED_NEXT);
      if (counts.unknown > 0) console.log(UNKNOWN_NEXT);
    } finally {
      db.close();
    }
  });
}
