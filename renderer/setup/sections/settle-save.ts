// What a setup section does with the core's answer to its save: keep what was saved and say "Saved.", or show the
// core's reason (a refusal because the manager's session lapsed also locks the manager's screens).
import { noteIfLocked } from '../../stores/manager-store.ts';
import type { Result } from '../../types.ts';
import type { SaveResult } from './SectionSaved.tsx';

/** True when saved (the wizard may move on). */
export function settleSave<T>(saved: Result<T>, setResult: (result: SaveResult) => void, keep: (value: T) => void): boolean {
  if (!saved.ok) {
    noteIfLocked(saved.error);
    setResult({ problem: saved.error });
    return false;
  }
  keep(saved.value);
  setResult({ problem: null });
  return true;
}
