// What every screen must pass, measured in the page: WCAG AA contrast, 44 px targets, a name for every control, nothing
// wider than the screen, a header in one row, and a given element inside the viewport.
import type { Page } from 'playwright-core';

/** WCAG 2.x contrast of each visible text against the background it sits on (AA: 4.5, or 3 for large text). */
export function contrastProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (text: string): [number, number, number, number] => {
      const parts = text.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]): number => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    };
    const background = (element: Element | null): [number, number, number, number] => {
      for (let node = element; node; node = node.parentElement) {
        const colour = rgb(getComputedStyle(node).backgroundColor);
        if (colour[3] > 0) return colour;
      }
      return [255, 255, 255, 1];
    };
    const problems: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && /\S/.test(node.textContent ?? ''));
      if (!ownText) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
      if (element.closest('[aria-disabled=true], :disabled, .visually-hidden, input, textarea, select')) continue;
      const fg = luminance(rgb(style.color));
      const bg = luminance(background(element));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push(`${element.tagName.toLowerCase()}.${element.className} "${element.textContent?.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
    return problems;
  });
}

export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio]):not([type=file])')]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && (box.width < 44 || box.height < 44))
      .map(({ element, box }) => `${element.tagName.toLowerCase()}#${element.id || element.textContent?.trim()} ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
}

export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea')]
      .filter((element) => {
        const labelled = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || (element as HTMLInputElement).labels?.length;
        return !labelled && !(element.textContent ?? '').trim();
      })
      .map((element) => element.outerHTML.slice(0, 80)),
  );
}

export function overflowsScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** The header's controls all sit on one row (its height is one control's, not two). */
export function headerRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const header = document.querySelector('header.status-bar');
    if (!header) return 0;
    const tops = new Set<number>();
    for (const child of header.children) {
      const box = child.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) tops.add(Math.round(box.top + box.height / 2));
    }
    return [...tops].reduce((rows, top, index, all) => rows + (all.slice(0, index).some((seen) => Math.abs(seen - top) < 12) ? 0 : 1), 0);
  });
}

/** The element is wholly inside the viewport (nothing of it below the fold or cut at a side). */
export async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const size = page.viewportSize();
  return Boolean(box && size && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width);
}

/** Header items that overlap one another or run off the screen (a row can be one row and still be too full). */
export function headerCollisions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll('header.status-bar .nav-tabs, header.status-bar .pill, header.status-bar .store-name, header.status-bar .cashier-picker, header.status-bar .language-switch')]
      .map((element) => ({ name: element.className || element.tagName, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0);
    const problems: string[] = [];
    for (const [index, a] of items.entries()) {
      if (a.box.right > window.innerWidth + 0.5) problems.push(`${a.name} runs off the screen`);
      for (const b of items.slice(index + 1)) {
        const apart = a.box.right <= b.box.left + 0.5 || b.box.right <= a.box.left + 0.5 || a.box.bottom <= b.box.top + 0.5 || b.box.bottom <= a.box.top + 0.5;
        if (!apart) problems.push(`${a.name} overlaps ${b.name}`);
      }
    }
    return problems;
  });
}

/**
 * Boxes that hide part of what they hold: a scrollbar of their own (wider or taller than they are), or rows of a table
 * below its box's bottom. The page can be as wide as the screen and still cut a table inside it.
 */
export function clippedInside(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((boxes) => {
    const problems: string[] = [];
    for (const [index, element] of [...document.querySelectorAll(boxes)].entries()) {
      const name = `${element.className} #${index}`;
      if (element.scrollWidth > element.clientWidth + 1) problems.push(`${name} scrolls sideways (${element.scrollWidth} > ${element.clientWidth})`);
      if (element.scrollHeight > element.clientHeight + 1) problems.push(`${name} hides rows below (${element.scrollHeight} > ${element.clientHeight})`);
      const bottom = element.getBoundingClientRect().bottom;
      const hidden = [...element.querySelectorAll('tr')].filter((row) => row.getBoundingClientRect().bottom > bottom + 1).length;
      if (hidden > 0) problems.push(`${name}: ${hidden} rows cut off`);
    }
    return problems;
  }, selector);
}

/** Drop-downs whose chosen text does not fit in them (at 1024 px the Malay "Semua juruwang" showed as "Semua juruwa"). */
export function clippedSelects(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const measure = document.createElement('canvas').getContext('2d');
    if (!measure) return ['no canvas to measure text with'];
    const problems: string[] = [];
    for (const select of document.querySelectorAll('select')) {
      const style = getComputedStyle(select);
      const box = select.getBoundingClientRect();
      if (box.width === 0 || style.visibility === 'hidden') continue;
      // Sized to its chosen text (field-sizing: content, the header's cashier picker), a drop-down holds all of it
      // unless its max-width stopped it growing; the arrow's guessed width below would call "Aina" clipped there.
      if (style.getPropertyValue('field-sizing') === 'content' && box.width < parseFloat(style.maxWidth) - 0.5) continue;
      measure.font = style.font;
      const text = select.selectedOptions[0]?.text ?? '';
      // The text area is the box less its padding, its borders and the drop-down arrow (about 20 px in Chromium).
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      if (measure.measureText(text).width > room) problems.push(`"${text}" in ${Math.round(room)} px`);
    }
    return problems;
  });
}

/** How many of a canvas's pixels are each of these colours (#rrggbb): a chart drew its series, not just its axes. */
export function pixelsOfColours(page: Page, selector: string, colours: string[]): Promise<number[]> {
  return page.evaluate(
    ({ selector: canvasSelector, colours: wanted }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(canvasSelector);
      const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (!data) return wanted.map(() => 0);
      const rgb = wanted.map((hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)));
      const counts = wanted.map(() => 0);
      for (let at = 0; at < data.length; at += 4) {
        rgb.forEach(([r = 0, g = 0, b = 0], index) => {
          if (Math.abs((data[at] ?? 0) - r) < 4 && Math.abs((data[at + 1] ?? 0) - g) < 4 && Math.abs((data[at + 2] ?? 0) - b) < 4) counts[index] = (counts[index] ?? 0) + 1;
        });
      }
      return counts;
    },
    { selector, colours },
  );
}

/** Controls the browser words in its own language, not the screen's: a file input in sight says "Choose File". */
export function browserWordedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input[type=file]')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 1 && box.height > 1 && getComputedStyle(element).visibility !== 'hidden';
      })
      .map((element) => `input#${element.id}`),
  );
}
