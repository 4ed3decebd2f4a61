// How a training sandbox outlives a restart: at start, the snapshot and the journal after it are read back, then a new
// snapshot replaces both; from then on every change is appended to the journal.
import { writeFileSync } from 'node:fs';
import { JournalWriter, journalPathOf, readJournal, replayJournal } from './saved-journal.ts';
import { readSavedState, restoreSavedState, savedStateOf, writeSavedState } from './saved-state.ts';
import type { SandboxState } from './state.ts';

/**
 * Puts the saved members, ledger and claims back into `state`; the port the sandbox had, or null when nothing was
 * saved. A journal without its snapshot (the snapshot was unreadable and is kept aside) is not replayed: its changes
 * were made to a state that is gone.
 */
export function restorePersisted(stateFile: string, state: SandboxState, log: (line: string) => void): number | null {
  const saved = readSavedState(stateFile, log);
  if (!saved) return null;
  restoreSavedState(state, saved);
  replayJournal(state, readJournal(journalPathOf(stateFile), log));
  return saved.port;
}

/** Writes a fresh snapshot, empties the journal, and returns the writer that journals each change from now on. */
export function startPersisting(stateFile: string, state: SandboxState, port: number, log: (line: string) => void): JournalWriter {
  writeSavedState(stateFile, savedStateOf(state, port));
  writeFileSync(journalPathOf(stateFile), '', { mode: 0o600 });
  return new JournalWriter(journalPathOf(stateFile), state, log);
}
