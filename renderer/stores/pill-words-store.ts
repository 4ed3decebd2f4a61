// The words of the status-bar pill tapped last. On a compact header a pill shows only an icon and a count, and its words
// are a tooltip, which a touch screen never shows: a tap says them under the pills instead.
import { create } from 'zustand';

interface PillWordsState {
  /**
   * Which pill was tapped, and its words as it says them now (a count that changes keeps them true); `left`: where the
   * pill starts in the pills area, in CSS pixels, so the words show under it.
   */
  said: { pill: string; words: string; tap: number; left: number } | null;
  say: (pill: string, words: string, left: number) => void;
  /** The tapped pill's words changed while they show: show the new ones, without starting the time again. */
  reword: (pill: string, words: string) => void;
  /** The pill is gone (head office unjoined, the scanner's pill replaced): its words go with it. */
  forget: (pill: string) => void;
  clear: () => void;
}

export const usePillWordsStore = create<PillWordsState>()((set) => ({
  said: null,
  say(pill, words, left) {
    // Every tap is a new one, so tapping the same pill again shows its words for the whole time again.
    set((state) => ({ said: { pill, words, left, tap: (state.said?.tap ?? 0) + 1 } }));
  },
  reword(pill, words) {
    set((state) => (state.said?.pill === pill && state.said.words !== words ? { said: { ...state.said, words } } : state));
  },
  forget(pill) {
    set((state) => (state.said?.pill === pill ? { said: null } : state));
  },
  clear() {
    set({ said: null });
  },
}));
