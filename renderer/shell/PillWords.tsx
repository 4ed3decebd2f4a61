// A status pill is a button: one with something to do does it when tapped (send now, open Review); one that only informs
// shows its words under the pills for a while, for the touch screen at a counter that cannot hover to read a tooltip.
import { useEffect, useLayoutEffect, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { usePillWordsStore } from '../stores/pill-words-store.ts';

/** Long enough to read a sentence at the counter; short enough not to linger over the next sale. */
const SHOWN_MS = 8_000;
/** Room kept between the words and the window's right edge. */
const EDGE_PX = 8;

type WordsPillProps = { name: string; words: string; onTap?: (() => void) | undefined; children: ReactNode } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick' | 'aria-label' | 'title' | 'name'> &
  Record<`data-${string}`, string | number | boolean | undefined>;

export function WordsPill({ name, words, onTap, children, ...rest }: WordsPillProps) {
  const say = usePillWordsStore((state) => state.say);
  const reword = usePillWordsStore((state) => state.reword);
  const forget = usePillWordsStore((state) => state.forget);
  useEffect(() => reword(name, words), [reword, name, words]);
  useEffect(() => () => forget(name), [forget, name]);
  return (
    <button type="button" {...rest} aria-label={words} title={words} onClick={onTap ?? ((event) => say(name, words, event.currentTarget.offsetLeft))}>
      {children}
    </button>
  );
}

/**
 * The tapped pill's words, laid over the top of the screen under that pill so nothing under the cashier's finger moves;
 * moved left only as far as the window's edge needs. Hidden from screen readers: the words are the name of the button
 * they just pressed.
 */
export function PillWordsBubble() {
  const said = usePillWordsStore((state) => state.said);
  const clear = usePillWordsStore((state) => state.clear);
  const bubble = useRef<HTMLParagraphElement>(null);
  const tap = said?.tap;
  const left = said?.left ?? 0;
  const words = said?.words;
  useLayoutEffect(() => {
    const element = bubble.current;
    if (!element) return;
    element.style.left = `${left}px`;
    const overflow = element.getBoundingClientRect().right - (document.documentElement.clientWidth - EDGE_PX);
    if (overflow > 0) element.style.left = `${Math.max(0, left - overflow)}px`;
  }, [left, words]);
  useEffect(() => {
    if (tap === undefined) return;
    const timer = setTimeout(clear, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [tap, clear]);
  if (!said) return null;
  return (
    <p ref={bubble} className="pill-words" aria-hidden="true" data-testid="pill-words">
      {said.words}
    </p>
  );
}
