// `kaunter`: the headless command line for support staff, scripts and tests. Each command lives in app/commands/.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { sinkLogger, type Logger } from './logging/logger.ts';
import { registerAwardCommand } from './commands/award.ts';
import { registerDrainCommand } from './commands/drain.ts';
import { registerHistoryCommand } from './commands/history.ts';
import { registerHubCommands } from './commands/hub.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { commandErrorText } from './commands/operator-words.ts';
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
/** The version in package.json: what support asks for first, and what the installers are built as. */
function kaunterVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command('kaunter')
    .description('Kaunter: Revenue Monster loyalty points at the shop counter.')
    .version(kaunterVersion(), '-V, --version', 'print the version of Kaunter')
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
    errorLog(argv).error(commandErrorText(error));
    return 1;
  }
}

const SECRET_VARIABLES = ['KAUNTER_CLIENT_SECRET', 'KAUNTER_SANDBOX_CLIENT_SECRET'];
const SECRET_FLAG = '--client-secret';

/**
 * Why a command failed, to stderr through the logger's redactor: an error may quote what it was given, and that must
 * not print the client secret (from its variable or the command line) or a member's full phone number.
 */
function errorLog(argv: readonly string[]): Logger {
  const log = sinkLogger((_level, line) => console.error(`kaunter: ${line}`));
  const fromFlags = argv.flatMap((arg, i) => (arg === SECRET_FLAG ? [argv[i + 1] ?? ''] : arg.startsWith(`${SECRET_FLAG}=`) ? [arg.slice(SECRET_FLAG.length + 1)] : []));
  for (const secret of [...SECRET_VARIABLES.map((name) => process.env[name] ?? ''), ...fromFlags]) if (secret) log.redactor.add(secret);
  return log;
}

export function main(argv: readonly string[]): Promise<number> {
  return runProgram(buildProgram(), argv);
}
