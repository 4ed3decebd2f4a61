#!/usr/bin/env node
// The `kaunter` command. Node (22.18 and newer) runs the TypeScript sources itself by erasing their types, so support
// staff never meet a stale build; tsconfig's erasableSyntaxOnly keeps the sources to what Node can erase. Node's
// compile cache keeps the erased and compiled modules between runs (checked against each file's contents), which more
// than halves a start. This launcher is the composition root, not the core: for `kaunter hub ...` it adds the hub's
// server commands to the counter's program; for everything else it never loads the hub or its PostgreSQL driver.
import module from 'node:module';

if (!process.features.typescript) {
  process.stderr.write(
    `kaunter needs Node.js 22.18 or newer (24 LTS recommended), which runs TypeScript by itself; this is Node ${process.versions.node}` +
      `${process.execArgv.some((flag) => flag.includes('strip-types')) ? ' started with TypeScript turned off' : ''}. Install Node 24 LTS and run kaunter again.\n`,
  );
  process.exit(1);
}
module.enableCompileCache();
const argv = process.argv.slice(2);
const { buildProgram, runProgram } = await import('./cli.ts');
const program = buildProgram();
if (argv[0] === 'hub') {
  const { registerHubServerCommands } = await import('../hub/cli.ts');
  registerHubServerCommands(program.commands.find((command) => command.name() === 'hub'));
}
process.exitCode = await runProgram(program, argv);
