// The changes a training sandbox made since its snapshot, one JSON line per request that changed something: the new
// ledger entries, each credited member's new balance and history entries, each claim made or changed. Appending a line
// costs the same however long training has run, and is written asynchronously, so the thread that serves the counter
// never waits for a disk. At the next start the snapshot and the journal are read, and a new snapshot replaces both.
//
// A crash can cut the last line short, or lose the lines not yet written: training is practice, and its members' points
// come back as of the last written change. Replaying adds nothing twice (saved-state.ts's snapshot may already hold a
// line's changes when a crash came between writing the snapshot and emptying the journal).
import { existsSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { z } from 'zod';
import { claimRecord, historyEntry, ledgerEntry, parseSaved } from './saved-state.ts';
import type { SandboxState } from './state.ts';

const journalLine = z.object({
  ledger: z.array(ledgerEntry),
  members: z.array(z.object({ memberId: z.string(), loyaltyPoint: z.number(), added: z.array(historyEntry) })),
  claims: z.array(claimRecord),
});
type JournalLine = z.infer<typeof journalLine>;

/** Beside the snapshot: `training-sandbox.json` keeps its journal in `training-sandbox.journal`. */
export function journalPathOf(stateFile: string): string {
  return `${stateFile.replace(/\.json$/, '')}.journal`;
}

/** The journal's lines in order; a line that cannot be read (cut short by a crash) is skipped and said in the log. */
export function readJournal(path: string, log: (line: string) => void): JournalLine[] {
  if (!existsSync(path)) return [];
  const lines: JournalLine[] = [];
  let unreadable = 0;
  for (const text of readFileSync(path, 'utf8').split('\n')) {
    if (text === '') continue;
    const parsed = parseSaved(journalLine, text);
    if (parsed) lines.push(parsed);
    else unreadable += 1;
  }
  if (unreadable > 0) log(`${unreadable} line(s) of the training journal could not be read and were skipped`);
  return lines;
}

export function replayJournal(state: SandboxState, lines: readonly JournalLine[]): void {
  state.loyalty.ledger.replay(lines.flatMap((line) => line.ledger));
  state.loyalty.members.replay(lines.flatMap((line) => line.members));
  for (const line of lines) for (const changed of line.claims) state.loyalty.claims.put(changed);
}

/** Everything changed since the last call, as one line; null when nothing changed. */
function takeChanges(state: SandboxState, ledgerWritten: number): JournalLine | null {
  const line = {
    ledger: state.loyalty.ledger.since(ledgerWritten),
    members: state.loyalty.members.takeChanges(),
    claims: state.loyalty.claims.takeChanges(),
  };
  return line.ledger.length + line.members.length + line.claims.length === 0 ? null : line;
}

/** Appends each change in order, one write at a time; a failed write is logged and the next one still tried. */
export class JournalWriter {
  private ledgerWritten: number;
  private writes: Promise<void> = Promise.resolve();

  private readonly path: string;
  private readonly state: SandboxState;
  private readonly log: (line: string) => void;
  constructor(
    path: string,
    state: SandboxState,
    log: (line: string) => void,
  ) {
    this.path = path;
    this.state = state;
    this.log = log;
    this.ledgerWritten = state.loyalty.ledger.length;
    this.state.loyalty.members.takeChanges();
    this.state.loyalty.claims.takeChanges();
  }

  changed(): void {
    const line = takeChanges(this.state, this.ledgerWritten);
    if (!line) return;
    this.ledgerWritten = this.state.loyalty.ledger.length;
    const text = `${JSON.stringify(line)}\n`;
    this.writes = this.writes
      .then(() => appendFile(this.path, text, { mode: 0o600 }))
      .catch((error: unknown) => this.log(`the training journal could not be written: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Resolves once every change so far is on disk (closing the sandbox waits for it). */
  flush(): Promise<void> {
    return this.writes;
  }
}
