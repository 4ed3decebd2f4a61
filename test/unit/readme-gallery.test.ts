// The README's screenshot gallery: every image it links is there (a PNG in the repository), each one is a screenshot
// the end-to-end run still writes (a screen by its shot name, language and size, or the customer display by its state
// and panel size), so the gallery cannot point at a picture nothing makes any more, and no picture in
// docs/screenshots is left unlinked.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISPLAY_SIZES, LANGUAGES, SIZES } from '../e2e/screen-sizes.ts';

const ROOT = join(import.meta.dirname, '../..');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Local image links, in Markdown (`![alt](path)`) and HTML (`<img src="path">`). */
export function imageLinks(markdown: string): string[] {
  const markdownLinks = [...markdown.matchAll(/!\[[^\]]*\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? match[2] ?? '');
  const htmlLinks = [...markdown.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi)].map((match) => match[1] ?? '');
  const links = [...markdownLinks, ...htmlLinks];
  return links.filter((link) => !/^[a-z]+:/i.test(link));
}

function isPng(path: string): boolean {
  try {
    return statSync(path).isFile() && readFileSync(path).subarray(0, 8).equals(PNG_SIGNATURE);
  } catch {
    return false;
  }
}

/**
 * Whether the end-to-end tests write a screenshot of this name, read from their `shot(...)` and `photograph(...)` calls.
 * A shot named by a template (`setup-${step}`) writes any name with its fixed start, in each language and size.
 */
function writtenByTheRun(): (name: string) => boolean {
  const sources = readdirSync(join(ROOT, 'test/e2e'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(join(ROOT, 'test/e2e', name), 'utf8'))
    .join('\n');
  const literals = (pattern: RegExp) => [...sources.matchAll(pattern)].map((match) => match[1] ?? '');
  const names = new Set<string>();
  for (const screen of literals(/\bshot\(page, '([a-z0-9-]+)', where\)/g)) {
    for (const language of LANGUAGES) for (const { width, height } of SIZES) names.add(`${screen}-${language}-${width}x${height}`);
  }
  for (const state of literals(/\bphotograph\('([a-z0-9-]+)'\)/g)) {
    for (const { width, height } of DISPLAY_SIZES) names.add(`customer-display-${state}-${width}x${height}`);
  }
  // The display's claim QR in each language: photograph(`${state}-${language}`).
  if (/\bphotograph\(`\$\{state\}-\$\{language\}`\)/.test(sources)) {
    for (const language of LANGUAGES) for (const { width, height } of DISPLAY_SIZES) names.add(`customer-display-claim-qr-${language}-${width}x${height}`);
  }
  const templated = literals(/\bshot\(page, `([a-z0-9-]*)\$\{\w+\}`, where\)/g);
  const screenSuffix = new RegExp(`^[a-zA-Z]+-(${LANGUAGES.join('|')})-(${SIZES.map(({ width, height }) => `${width}x${height}`).join('|')})$`);
  return (name) => names.has(name) || templated.some((start) => name.startsWith(start) && screenSuffix.test(name.slice(start.length)));
}

describe("the README's screenshot gallery", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const links = imageLinks(readme);

  it('finds the images it links', () => {
    expect(links.length).toBeGreaterThanOrEqual(6);
    const missing = links.filter((link) => !isPng(join(ROOT, decodeURI(link))));
    expect(missing, 'README.md links these images, but no such PNG is in the repository').toEqual([]);
  });

  it('shows only screenshots the end-to-end run writes', () => {
    const written = writtenByTheRun();
    const gallery = links.filter((link) => link.startsWith('docs/screenshots/')).map((link) => link.slice('docs/screenshots/'.length).replace(/\.png$/, ''));
    expect(gallery.length).toBeGreaterThan(0);
    expect(gallery.filter((name) => !written(name)), 'in the gallery, but no end-to-end test writes a screenshot of that name').toEqual([]);
  });

  it('links every picture in docs/screenshots (none left behind when the gallery changes)', () => {
    const linked = new Set(links.map((link) => decodeURI(link)));
    const unlinked = readdirSync(join(ROOT, 'docs/screenshots'))
      .map((name) => `docs/screenshots/${name}`)
      .filter((path) => !linked.has(path));
    expect(unlinked, 'in docs/screenshots but not in the README: link them or delete them').toEqual([]);
  });

  it('reads the links a README can hold', () => {
    expect(imageLinks('![a](docs/x.png) ![b](<docs/y z.png> "title") <img alt="c" src="docs/z.png"> ![d](https://example.com/e.png)')).toEqual(['docs/x.png', 'docs/y z.png', 'docs/z.png']);
  });
});
