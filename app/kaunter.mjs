#!/usr/bin/env node
// The `kaunter` command. Node (22.18 and newer) runs the TypeScript sources itself by erasing their types, so support
// staff never meet a stale build; tsconfig's erasableSyntaxOnly keeps the sources to what Node can erase. Node's
// compile cache keeps the erased and compiled modules between runs (checked against each file's contents), which more
// than halves a start. This launcher is the composition root, not the core: for `kaunter hub ...` it adds the hub's
// server commands to the counter's program; for everything else it never loads the hub or its PostgreSQL driver.
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (!process.features.typescript) {
  const turnedOff = major > 22 || (major === 22 && minor >= 18);
  process.stderr.write(
    turnedOff
      ? `kaunter needs Node.js to run TypeScript by itself, and this Node ${process.versions.node} was started with that turned off ` +
          '(--no-experimental-strip-types or --no-strip-types, on the command line or in NODE_OPTIONS): run kaunter without it.\n'
      : `kaunter needs Node.js 22.18 or newer (24 LTS recommended), which runs TypeScript by itself; this is Node ${process.versions.node}. ` +
          'Install Node 24 LTS and run kaunter again.\n',
  );
  process.exit(1);
}
// Compiled in the user's own cache folder (app/paths.ts), loaded before the cache is on: it is one small module.
const { compileCacheDir } = await import('./paths.ts');
module.enableCompileCache(compileCacheDir());
const argv = process.argv.slice(2);
const { buildProgram, runProgram } = await import('./cli.ts');
const program = buildProgram();
if (argv[0] === 'hub') {
  const { registerHubServerCommands } = await import('../hub/cli.ts');
  registerHubServerCommands(program.commands.find((command) => command.name() === 'hub'));
}
process.exitCode = await runProgram(program, argv);
