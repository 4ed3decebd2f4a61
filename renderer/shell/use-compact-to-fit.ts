// A row of full words that closes up only when they do not fit. Measured, not guessed: the pixel widths per language
// and per pill it replaced laid a Malay pill over the shop's name at 1440 px, and closed up English with room to spare.
import { useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * Whether the row must show its compact form. Rendered full, with its items keeping their width (app.css), the row is
 * compact when what it holds is wider than it is: measured before it paints, again whenever anything in it changes (a
 * pill comes or goes, a count or the language changes the words, another cashier is chosen), and when the row changes
 * width. The width the full row needed is kept, and a compact row tries full again only once it is that wide, so the
 * two cannot take turns.
 */
export function useCompactToFit(row: RefObject<HTMLElement | null>): boolean {
  const [compact, setCompact] = useState(false);
  useLayoutEffect(() => {
    const element = row.current;
    if (!element) return;
    const widthOf = () => element.getBoundingClientRect().width;
    /** What the full row needed when it last did not fit; 0 while it fits. */
    let fullNeeds = 0;
    let width = widthOf();
    /**
     * Read while the row is full: up to its last item's right edge, and the row's own padding after it (scrollWidth
     * leaves that padding out, and would let the last item run up to the screen's edge before the row closed up).
     */
    const overflows = (): boolean => {
      const end = element.lastElementChild?.getBoundingClientRect().right ?? 0;
      const needs = end - element.getBoundingClientRect().left + parseFloat(getComputedStyle(element).paddingRight);
      // Half a pixel of rounding (a zoomed page lays out in fractions) is not an overflow.
      fullNeeds = needs > widthOf() + 0.5 ? needs : 0;
      return fullNeeds > 0;
    };
    // Both renders happen before the browser paints again, so neither form shows for a frame on the way to the other.
    const measureFull = () => {
      flushSync(() => setCompact(false));
      if (overflows()) flushSync(() => setCompact(true));
    };
    if (overflows()) setCompact(true);
    const resized = new ResizeObserver(() => {
      // Only the width counts: the compact row is taller (the shop's name over the cashier).
      if (widthOf() === width) return;
      width = widthOf();
      if (fullNeeds === 0 || width >= fullNeeds) measureFull();
    });
    // Of the attributes only a title counts: the row's own class is what measuring changes, and a drop-down's chosen
    // option, which sets a property rather than a node, shows in its title (NameSelect), as the cashier picker's does.
    const changed = new MutationObserver(measureFull);
    resized.observe(element);
    changed.observe(element, { subtree: true, childList: true, characterData: true, attributeFilter: ['title'] });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, [row]);
  return compact;
}
