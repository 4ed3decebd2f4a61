// The README's "Code layout" is where a newcomer starts: every folder and top-level file of app/, main/ and test/ is
// named there, so a new room cannot appear without a line saying what it holds.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function codeLayout(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Code layout'));
  const start = section.indexOf('```\n') + 4;
  return section.slice(start, section.indexOf('```', start));
}

function entries(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
}

describe("the README's code layout", () => {
  it.each(['app', 'main', 'test'])('names everything in %s/', (folder) => {
    const layout = codeLayout();
    expect(layout).toContain(`${folder}/`);
    const unnamed = entries(folder).filter((name) => !new RegExp(`(^|[\\s(,])${name.replaceAll('.', '\\.')}(?=[\\s,);]|$)`, 'm').test(layout));
    expect(unnamed, `add these to README.md's "Code layout": ${unnamed.join(', ')}`).toEqual([]);
  });
});
