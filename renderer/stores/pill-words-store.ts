// The words of the status-bar pill tapped last. On a compact header a pill shows only an icon and a count, and its words
// are a tooltip, which a touch screen never shows: a tap says them in the line under the bar instead.
import { create } from 'zustand';

interface PillWordsState {
  /** What the tapped pill means, and when it was tapped (a second tap on the same pill shows it for longer). */
  said: { words: string; at: number } | null;
  say: (words: string) => void;
  clear: () => void;
}

export const usePillWordsStore = create<PillWordsState>()((set) => ({
  said: null,
  say(words) {
    set({ said: { words, at: Date.now() } });
  },
  clear() {
    set({ said: null });
  },
}));
