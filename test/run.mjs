// `npm test`: typecheck, lint and every Vitest project, then the one summary line CI reads: `N passed, N failed, N skipped`.
// Typecheck and lint count as one check each. Tests that need a Secret Service get a private one (dbus + gnome-keyring)
// when this machine has them, so nothing touches the developer's own keyring.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
const extraArgs = process.argv.slice(2);

function run(label, command, args, options = {}) {
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else totals.failed += 1;
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function vitestCommand() {
  const vitest = ['node_modules/.bin/vitest', 'run', '--config', 'test/vitest.config.ts', ...extraArgs];
  if (process.env.DBUS_SESSION_BUS_ADDRESS || !hasCommand('dbus-run-session') || !hasCommand('gnome-keyring-daemon')) {
    return { command: vitest[0], args: vitest.slice(1), cleanup: () => {} };
  }
  const keyringHome = mkdtempSync(join(tmpdir(), 'kaunter-keyring-'));
  const script =
    `echo -n kaunter-test | XDG_DATA_HOME="${keyringHome}" gnome-keyring-daemon --unlock --components=secrets >/dev/null;` +
    ` export KAUNTER_TEST_SECRET_SERVICE=1; exec "$@"`;
  return {
    command: 'dbus-run-session',
    args: ['--', 'sh', '-c', script, 'sh', ...vitest],
    cleanup: () => rmSync(keyringHome, { recursive: true, force: true }),
  };
}

if (extraArgs.length === 0) {
  check('typecheck (core, main, tests)', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.json']);
  check('typecheck (end-to-end tests)', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'test/e2e/tsconfig.json']);
  check('typecheck (browser host bridge)', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'main/browser-host/page/tsconfig.json']);
  check('typecheck (renderer)', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'renderer/tsconfig.json']);
  check('lint', 'node_modules/.bin/eslint', ['--max-warnings', '0', '.']);
}

const countsFile = 'test-output/vitest-counts.json';
rmSync(countsFile, { force: true });
const vitest = vitestCommand();
const vitestOk = run('tests', vitest.command, vitest.args);
vitest.cleanup();
if (existsSync(countsFile)) {
  const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}
if (!vitestOk && totals.failed === 0) totals.failed += 1; // vitest itself crashed before counting

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed === 0 ? 0 : 1;
