#!/usr/bin/env node
// The `kaunter` command. It runs the TypeScript sources through tsx, so support staff never meet a stale build. This
// launcher is the composition root, not the core: for `kaunter hub ...` it adds the hub's server commands to the
// counter's program; for everything else it never loads the hub or its PostgreSQL driver.
import { register } from 'tsx/esm/api';

register();
const argv = process.argv.slice(2);
const { buildProgram, runProgram } = await import('./cli.ts');
const program = buildProgram();
if (argv[0] === 'hub') {
  const { registerHubServerCommands } = await import('../hub/cli.ts');
  registerHubServerCommands(program.commands.find((command) => command.name() === 'hub'));
}
process.exitCode = await runProgram(program, argv);
