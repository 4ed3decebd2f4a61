// `kaunter`: the headless command line for support staff, scripts and tests. Each command lives in app/commands/.
import { Command, CommanderError } from 'commander';
import { registerAwardCommand } from './commands/award.ts';
import { registerDrainCommand } from './commands/drain.ts';
import { registerHistoryCommand } from './commands/history.ts';
import { registerHubCommands } from './commands/hub.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { registerQueueCommand } from './commands/queue.ts';
import { registerResolveCommand } from './commands/resolve.ts';
import { registerSandboxCommand } from './commands/sandbox.ts';
import { registerShiftsCommand } from './commands/shifts.ts';
import { registerSignCommand } from './commands/sign.ts';
import { registerSyncCommand } from './commands/sync.ts';

/** `kaunter history | head` closes the pipe early: that is the reader's choice, not an error to print a stack for. */
function stopQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

/** The counter's commands. The hub's server commands (hub/cli.ts) are added to the same `hub` command by the hub. */
export function buildProgram(): Command {
  const program = new Command('kaunter')
    .description('Kaunter: Revenue Monster loyalty points at the shop counter.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerKeysCommand(program);
  registerAwardCommand(program);
  registerQueueCommand(program);
  registerDrainCommand(program);
  registerHistoryCommand(program);
  registerShiftsCommand(program);
  registerResolveCommand(program);
  registerSandboxCommand(program);
  registerSignCommand(program);
  registerSyncCommand(program);
  registerHubCommands(program);
  return program;
}

export async function runProgram(program: Command, argv: readonly string[]): Promise<number> {
  stopQuietlyOnClosedPipe();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    console.error(`kaunter: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(buildProgram(), argv);
}
