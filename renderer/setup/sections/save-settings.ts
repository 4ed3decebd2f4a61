// Settings changes go to the core, and what it saved comes back into the status store (so every screen sees it).
import { kaunter } from '../../api.ts';
import type { CoreText } from '../../common/core-text.ts';
import { noteIfLocked } from '../../stores/manager-store.ts';
import { useStatusStore } from '../../stores/status-store.ts';
import type { MethodInput } from '../../types.ts';

/** Null when saved, else the core's message. */
export async function saveSettings(patch: MethodInput<'settings.update'>): Promise<CoreText | null> {
  const result = await kaunter().settings.update(patch);
  if (!result.ok) {
    noteIfLocked(result.error);
    return result.error;
  }
  useStatusStore.getState().setSettings(result.value);
  return null;
}
