// `npm test`: typecheck, lint and every Vitest project, then the one summary line CI reads: `N passed, N failed, N skipped`.
// Typecheck and lint count as one check each; how the Vitest projects run is in vitest-processes.ts.
import { spawnSync } from 'node:child_process';
import { runAllVitest } from './vitest-processes.ts';

const totals = { passed: 0, failed: 0, skipped: 0 };
const extraArgs = process.argv.slice(2);

function check(label, command, args) {
  console.log(`\n== ${label}`);
  if (spawnSync(command, args, { stdio: 'inherit' }).status === 0) totals.passed += 1;
  else totals.failed += 1;
}

if (extraArgs.length === 0) {
  check('typecheck (core, main, tests)', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.json']);
  check('typecheck (end-to-end tests)', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'test/e2e/tsconfig.json']);
  check('typecheck (browser host bridge)', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'main/browser-host/page/tsconfig.json']);
  check('typecheck (renderer)', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'renderer/tsconfig.json']);
  check('lint', 'node_modules/.bin/eslint', ['--max-warnings', '0', '.']);
}

const tests = await runAllVitest('test/vitest.config.ts', extraArgs);
totals.passed += tests.passed;
totals.failed += tests.failed;
totals.skipped += tests.skipped;

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed === 0 ? 0 : 1;
