// A status pill that only informs is a button all the same: tapped, it says its words under the bar for a while, for
// the touch screen at a counter that cannot hover to read a tooltip.
import { useEffect, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { usePillWordsStore } from '../stores/pill-words-store.ts';

/** Long enough to read a sentence at the counter; short enough not to linger over the next sale. */
const SHOWN_MS = 8_000;

type WordsPillProps = { words: string; children: ReactNode } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick' | 'aria-label' | 'title'> &
  Record<`data-${string}`, string | number | boolean | undefined>;

export function WordsPill({ words, children, ...rest }: WordsPillProps) {
  const say = usePillWordsStore((state) => state.say);
  return (
    <button type="button" {...rest} aria-label={words} title={words} onClick={() => say(words)}>
      {children}
    </button>
  );
}

/** The tapped pill's words, in the notice line under the status bar. */
export function PillWordsLine() {
  const said = usePillWordsStore((state) => state.said);
  const clear = usePillWordsStore((state) => state.clear);
  useEffect(() => {
    if (!said) return;
    const timer = setTimeout(clear, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [said, clear]);
  if (!said) return null;
  return (
    <div className="notice-line">
      <p className="notice-text pill-words" role="status" data-testid="pill-words">
        {said.words}
      </p>
    </div>
  );
}
