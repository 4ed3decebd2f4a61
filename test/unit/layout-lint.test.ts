// The arrows between the folders are enforced by the lint: a wrong-way import fails `npm test`. Each case writes a
// probe file into the real folder, lints it with the project's own configuration, and removes it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

async function lintProbe(folder: string, source: string): Promise<string[]> {
  const file = join(ROOT, folder, `lint-probe-${process.pid}-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  try {
    const [result] = await new ESLint({ cwd: ROOT }).lintFiles([file]);
    return (result?.messages ?? []).filter((m) => /no-restricted/.test(m.ruleId ?? '')).map((m) => m.message);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('folder arrows (eslint)', () => {
  it('the core never imports or loads the hub', async () => {
    expect(await lintProbe('app', "import { applyBatch } from '../hub/ingest.ts';\nexport const x = applyBatch;\n")).toEqual([
      expect.stringMatching(/must not import the hub/),
    ]);
    expect(await lintProbe('app', "export const load = () => import('../hub/cli.ts');\n")).toEqual([expect.stringMatching(/must not load the hub/)]);
  });

  it('the hub never imports the desktop host, the UI code or the counter\'s SQLite', async () => {
    expect(await lintProbe('hub', "import { WINDOW_BACKGROUND } from '../main/window.ts';\nexport const x = WINDOW_BACKGROUND;\n")).toEqual([
      expect.stringMatching(/must not import from main/),
    ]);
    expect(await lintProbe('hub', "import { App } from '../renderer/App.tsx';\nexport const x = App;\n")).toEqual([
      expect.stringMatching(/must not import from renderer/),
    ]);
    expect(await lintProbe('hub', "import { openDatabase } from '../app/store/database.ts';\nexport const x = openDatabase;\n")).toEqual([
      expect.stringMatching(/pure modules/),
    ]);
  });

  it('the hub may use the core\'s pure modules', async () => {
    expect(await lintProbe('hub', "import { formatRinggit } from '../app/money.ts';\nexport const x = formatRinggit(1);\n")).toEqual([]);
  });

  it('the head-office page takes only types from the hub, whose answers it reads over HTTP', async () => {
    expect(await lintProbe('renderer/hub', "import { hubTotals } from '../../hub/totals.ts';\nexport const x = hubTotals;\n")).toEqual([
      expect.stringMatching(/only types from hub/),
    ]);
    expect(await lintProbe('renderer/hub', "import type { TotalsRow } from '../../hub/totals.ts';\nexport type X = TotalsRow;\n")).toEqual([]);
  });
});
