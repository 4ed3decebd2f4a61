// The arrows between the folders are enforced by the lint: a wrong-way import fails `npm test`. Each case writes a
// probe file into the real folder, lints it with the project's own configuration, and removes it.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(await lintProbe('app', "export const load = () => import('../hub/cli.ts');\n")).toEqual([expect.stringMatching(/must not import the hub.*\(import\(\) too\)/)]);
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
    expect(await lintProbe('hub', "import { hubLink } from '../app/store/hub-sync.ts';\nexport const x = hubLink;\n")).toEqual([expect.stringMatching(/pure modules/)]);
    expect(await lintProbe('hub', "import { eventsAfter } from '../app/awards/trail.ts';\nexport const x = eventsAfter;\n")).toEqual([expect.stringMatching(/pure modules/)]);
  });

  it('the hub never calls Revenue Monster: it cannot import the RM client', async () => {
    expect(await lintProbe('hub', "import { connectToRm } from '../app/rm/connection.ts';\nexport const x = connectToRm;\n")).toEqual([
      expect.stringMatching(/never calls Revenue Monster/),
    ]);
    expect(await lintProbe('hub/server', "import type { LoyaltyApi } from '../../app/rm/loyalty.ts';\nexport type X = LoyaltyApi;\n")).toEqual([
      expect.stringMatching(/never calls Revenue Monster/),
    ]);
  });

  it('the hub may use the core\'s pure modules', async () => {
    expect(existsSync(join(ROOT, 'app/common/money.ts'))).toBe(true);
    expect(await lintProbe('hub', "import { formatRinggit } from '../app/common/money.ts';\nexport const x = formatRinggit(1);\n")).toEqual([]);
  });

  it('import() obeys the same arrows in the renderer, the hub and main/, and takes only a plain string', async () => {
    expect(await lintProbe('renderer', "export const load = () => import('../app/awards/outbox.ts');\n")).toEqual([expect.stringMatching(/through window.kaunter.*\(import\(\) too\)/)]);
    expect(await lintProbe('renderer', "export const load = () => import('../app/contract.ts');\n")).toEqual([expect.stringMatching(/through window.kaunter.*\(import\(\) too\)/)]);
    expect(await lintProbe('renderer', "export const load = () => import('node:fs');\n")).toEqual([expect.stringMatching(/no Node modules.*\(import\(\) too\)/)]);
    expect(await lintProbe('renderer', "export const load = () => import('../app/common/money.ts');\n")).toEqual([]);
    expect(await lintProbe('hub', "export const load = () => import('../main/window.ts');\n")).toEqual([expect.stringMatching(/must not import from main\/ or renderer\/.*\(import\(\) too\)/)]);
    expect(await lintProbe('hub', "export const load = () => import('../app/store/database.ts');\n")).toEqual([expect.stringMatching(/pure modules.*\(import\(\) too\)/)]);
    expect(await lintProbe('main', "export const load = () => import('../renderer/App.tsx');\n")).toEqual([expect.stringMatching(/must not import from renderer.*\(import\(\) too\)/)]);
    const folder = 'store';
    for (const room of ['app', 'renderer', 'hub', 'main']) {
      expect(await lintProbe(room, `export const load = (f: string) => import(\`../${folder}/\${f}.ts\`);\n`), room).toEqual([expect.stringMatching(/plain string/)]);
    }
  });

  it('the head-office page takes only types from the hub, whose answers it reads over HTTP', async () => {
    expect(await lintProbe('renderer/hub', "import { hubTotals } from '../../hub/totals.ts';\nexport const x = hubTotals;\n")).toEqual([
      expect.stringMatching(/only types from hub/),
    ]);
    expect(await lintProbe('renderer/hub', "import type { TotalsRow } from '../../hub/totals.ts';\nexport type X = TotalsRow;\n")).toEqual([]);
  });

  it('layers inside app/: the RM client and the SQLite plumbing know nothing of awards, also through import()', async () => {
    expect(await lintProbe('app/rm', "import { Outbox } from '../awards/outbox.ts';\nexport const x = Outbox;\n")).toEqual([expect.stringMatching(/app\/rm\/ is the Revenue Monster client/)]);
    expect(await lintProbe('app/rm', "import { openDatabase } from '../store/database.ts';\nexport const x = openDatabase;\n")).toEqual([expect.stringMatching(/knows nothing of awards, the database/)]);
    expect(await lintProbe('app/rm', "export const load = () => import('../sandbox/index.ts');\n")).toEqual([expect.stringMatching(/app\/rm\/ .*\(import\(\) too\)/)]);
    expect(await lintProbe('app/store', "import { Outbox } from '../awards/outbox.ts';\nexport const x = Outbox;\n")).toEqual([expect.stringMatching(/app\/store\/ is SQLite plumbing/)]);
    expect(await lintProbe('app/awards', "import { openDatabase } from '../store/database.ts';\nexport const x = openDatabase;\n")).toEqual([]);
  });

  it('the sandbox shares nothing with the rest of Kaunter but the common grammar', async () => {
    expect(await lintProbe('app/sandbox', "import { signRequest } from '../rm/signature.ts';\nexport const x = signRequest;\n")).toEqual([expect.stringMatching(/shares no code/)]);
    expect(await lintProbe('app/sandbox', "export const load = () => import('../awards/outbox.ts');\n")).toEqual([expect.stringMatching(/shares no code.*\(import\(\) too\)/)]);
    expect(await lintProbe('app/sandbox', "import { formatRinggit } from '../common/money.ts';\nexport const x = formatRinggit;\n")).toEqual([]);
    // However the way out is spelled: through common/ and back, from ./ and up, or by the absolute path.
    for (const specifier of ['../common/../rm/signature.ts', './../rm/signature.ts', './x/../../rm/signature.ts', join(ROOT, 'app', 'rm', 'signature.ts'), '..']) {
      const probe = `import { signRequest } from '${specifier}';\nexport const x = signRequest;\nexport const load = () => import('${specifier}');\n`;
      // (An absolute path may also meet another arrow, when the checkout's own path has a folder named like one.)
      const refused = (await lintProbe('app/sandbox', probe)).filter((message) => /shares no code/.test(message));
      expect(refused, specifier).toEqual([expect.stringMatching(/shares no code/), expect.stringMatching(/shares no code.*\(import\(\) too\)/)]);
    }
    const inBounds = ['./verify.ts', '../common/money.ts', 'node:crypto', 'zod'].map((specifier) => `export const load${specifier.length} = () => import('${specifier}');\n`);
    expect(await lintProbe('app/sandbox', inBounds.join(''))).toEqual([]);
  }, 120_000);

  it('app/common/ imports nothing from outside its folder and no Node module', async () => {
    expect(await lintProbe('app/common', "import { say } from '../messages.ts';\nexport const x = say;\n")).toEqual([expect.stringMatching(/app\/common\/ is the grammar/)]);
    expect(await lintProbe('app/common', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toEqual([expect.stringMatching(/no Node module/)]);
    expect(await lintProbe('app/common', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n")).toEqual([expect.stringMatching(/no Node module/)]);
    expect(await lintProbe('app/common', "import { MAX_AMOUNT_SEN } from './money.ts';\nexport const x = MAX_AMOUNT_SEN;\n")).toEqual([]);
  });

  it('no module of app/ loads main/ or the renderer through import() either', async () => {
    expect(await lintProbe('app/core', "export const load = () => import('../../main/window.ts');\n")).toEqual([expect.stringMatching(/must not import from main\/\. \(import\(\) too\)/)]);
    expect(await lintProbe('app', "export const load = () => import('../renderer/App.tsx');\n")).toEqual([expect.stringMatching(/must not import from renderer\//)]);
  });

  it('the renderer takes types from the contract and values from app/common/ only', async () => {
    const probe = (source: string) => lintProbe('renderer/stores', source);
    expect(await probe("import type { Award } from '../../app/awards/award.ts';\nexport type X = Award;\n")).toEqual([expect.stringMatching(/types from app\/contract.ts and values from app\/common/)]);
    expect(await probe("import { Outbox } from '../../app/awards/outbox.ts';\nexport const x = Outbox;\n")).toEqual([expect.stringMatching(/types from app\/contract.ts/)]);
    expect(await probe("import { contract } from '../../app/contract.ts';\nexport const x = contract;\n")).toEqual([expect.stringMatching(/only types from the contract/)]);
    expect(await probe("import type { AwardView } from '../../app/contract.ts';\nexport type X = AwardView;\n")).toEqual([]);
    expect(await probe("import { parseRinggit } from '../../app/common/money.ts';\nexport const x = parseRinggit;\n")).toEqual([]);
  });

  it('a handler calls services: no database import and no SQL', async () => {
    expect(await lintProbe('app/handlers', "import { openDatabase } from '../store/database.ts';\nexport const x = openDatabase;\n")).toEqual([expect.stringMatching(/calls services/)]);
    expect(await lintProbe('app/handlers', "export const rows = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n")).toEqual([expect.stringMatching(/SQL lives in/)]);
    expect(await lintProbe('app/handlers', "import { historyPage } from '../awards/history.ts';\nexport const x = historyPage;\n")).toEqual([]);
  });

  it('SQL only where the tables are owned: not in a handler, whatever the call, nor in any other folder', async () => {
    for (const call of ["db.exec('DELETE FROM awards')", "db.pragma('journal_mode')", 'db.transaction(() => 1)', "this.db.exec('VACUUM')"]) {
      expect(await lintProbe('app/handlers', `export const run = (db: any) => ${call.replace('this.db', 'db.db')};\n`), call).toEqual([expect.stringMatching(/SQL lives in/)]);
    }
    expect(await lintProbe('app/core', "export const rows = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n")).toEqual([expect.stringMatching(/SQL lives in/)]);
    expect(await lintProbe('app/core', "const PATTERN = /a/;\nexport const m = PATTERN.exec('a');\n")).toEqual([]);
    expect(await lintProbe('app/awards', "export const rows = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n")).toEqual([]);
  });

  it('the sync code runs no SQL: it replicates the trail through named statements of app/awards/ and app/store/', async () => {
    expect(await lintProbe('app/sync', "export const rows = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n")).toEqual([expect.stringMatching(/SQL lives in/)]);
    expect(await lintProbe('app/sync', "export const run = (db: any) => db.transaction(() => 1).deferred();\n")).toEqual([expect.stringMatching(/SQL lives in/)]);
    expect(await lintProbe('app/sync', "import type { Db } from '../store/database.ts';\nimport { prepared } from '../store/statements.ts';\nexport const rows = (db: Db) => prepared(db, 'SELECT 1').all();\n")).toEqual([
      expect.stringMatching(/SQL lives in/),
    ]);
    expect(await lintProbe('app/sync', "import type { Db } from '../store/database.ts';\nimport { hubLink } from '../store/hub-sync.ts';\nexport const link = (db: Db) => hubLink(db);\n")).toEqual([]);
    expect(await lintProbe('app/shifts', "export const rows = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n")).toEqual([]);
  });

  it('a CLI command may open a database but runs no SQL of its own', async () => {
    expect(await lintProbe('app/commands', "export const rows = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n")).toEqual([expect.stringMatching(/SQL lives in/)]);
    expect(await lintProbe('app/commands', "import { openDatabase } from '../store/database.ts';\nexport const x = openDatabase;\n")).toEqual([]);
  });
});
