// `kaunter sandbox`: run the RM-compatible sandbox on 127.0.0.1 until SIGINT/SIGTERM. The first line on stdout is
// exactly `listening http://127.0.0.1:PORT` (scripts read it); training credentials follow when no app is given.
// The request log goes to stderr through the logger's redactor: a path or an error can quote a phone number, or a
// misconfigured client the app's secret. The app's client secret comes from a variable or a file, like the RM
// commands' secret: a secret on the command line can be read by every user of the PC in `ps`.
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { sinkLogger, type Logger } from '../logging/logger.ts';
import { loadMembersFile, startSandbox, type SandboxApp, type SandboxMemberSeed } from '../sandbox/index.ts';
import {
  createTrainingCredentials,
  removeTrainingCredentials,
  type TrainingCredentials,
} from '../sandbox/training-credentials.ts';

const stderrLog: Logger = sinkLogger((_level, line) => console.error(line));

interface SandboxCommandOptions {
  port: number;
  clientId?: string;
  clientSecret?: string;
  clientSecretFile?: string;
  publicKey?: string;
  members?: string;
  faults?: boolean;
  pointsPerRinggit: number;
  tokenLifetime: number;
}

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('Run a Revenue Monster-compatible server on 127.0.0.1 for training, tests and integrators.')
    .option('--port <n>', 'port to listen on; 0 picks any free port', parsePort, 0)
    .addOption(new Option('--client-id <id>', 'client id of the application to register (with its client secret)').env('KAUNTER_SANDBOX_CLIENT_ID'))
    .addOption(
      new Option('--client-secret <secret>', 'client secret of that application (prefer the variable or --client-secret-file: command lines show in ps)').env(
        'KAUNTER_SANDBOX_CLIENT_SECRET',
      ),
    )
    .option('--client-secret-file <file>', 'file whose first line is the client secret')
    .option('--public-key <file>', 'PEM public key of that application (without it: CLIENT_NOT_SET_PUBLIC_KEY)')
    .option('--members <file>', 'JSON array of {"memberId","countryCode","phoneNumber","name"} instead of the demo members')
    .option('--faults', 'allow fault injection over HTTP: POST / DELETE /sandbox/faults')
    .option('--points-per-ringgit <n>', 'spending rule: points per RM 1.00', parsePositiveNumber, 1)
    .option('--token-lifetime <seconds>', 'access token lifetime in seconds', parsePositiveInteger, 7200)
    .action((options: SandboxCommandOptions, command: Command) => {
      if (command.getOptionValueSource('clientSecret') === 'cli') {
        stderrLog.warn('--client-secret on the command line can be read by other users in ps; use KAUNTER_SANDBOX_CLIENT_SECRET or --client-secret-file.');
      }
      return runSandbox(options);
    });
}

async function runSandbox(options: SandboxCommandOptions): Promise<void> {
  const members = options.members === undefined ? undefined : loadMembersFile(options.members);
  const given = appFromOptions(options.clientId, clientSecretOf(options), options.publicKey);
  const training = given ? null : createTrainingCredentials();
  const app = given ?? (training as TrainingCredentials).app;
  stderrLog.redactor.add(app.clientSecret);
  try {
    await serveUntilSignal(options, app, members, training);
  } finally {
    if (training) removeTrainingCredentials(training);
  }
}

async function serveUntilSignal(
  options: SandboxCommandOptions,
  app: SandboxApp,
  members: SandboxMemberSeed[] | undefined,
  training: TrainingCredentials | null,
): Promise<void> {
  const sandbox = await startSandbox({
    port: options.port,
    apps: [app],
    members,
    faults: options.faults === true,
    pointsPerRinggit: options.pointsPerRinggit,
    tokenLifetimeSeconds: options.tokenLifetime,
    log: (line) => stderrLog.info(line),
  });
  console.log(`listening ${sandbox.url}`);
  console.log(`client-id ${app.clientId}`);
  if (training) {
    console.log(`client-secret ${app.clientSecret}`);
    console.log(`private-key ${training.privateKeyPath}`);
    console.log(`public-key ${training.publicKeyPath}`);
  } else if (app.publicKeyPem === null) {
    stderrLog.warn('No --public-key given: signed calls will be refused with CLIENT_NOT_SET_PUBLIC_KEY.');
  }
  const signal = await nextSignal();
  stderrLog.info(`${signal}: closing the sandbox`);
  await sandbox.close();
}

function appFromOptions(clientId: string | undefined, clientSecret: string | undefined, publicKey: string | undefined): SandboxApp | null {
  if (clientId === undefined && clientSecret === undefined) {
    if (publicKey !== undefined) throw new Error('--public-key needs --client-id and a client secret.');
    return null;
  }
  if (clientId === undefined || clientSecret === undefined) {
    throw new Error(
      '--client-id and the client secret (KAUNTER_SANDBOX_CLIENT_SECRET, --client-secret-file or --client-secret) go together; give both, or neither for training credentials.',
    );
  }
  return { clientId, clientSecret, publicKeyPem: publicKey === undefined ? null : readFile(publicKey, 'public key') };
}

function clientSecretOf(options: SandboxCommandOptions): string | undefined {
  if (options.clientSecretFile === undefined) return options.clientSecret;
  if (options.clientSecret !== undefined) throw new Error('Give the client secret once: --client-secret-file, or the variable or --client-secret.');
  const secret = readFile(options.clientSecretFile, 'client secret').split(/\r?\n/)[0] ?? '';
  if (secret === '') throw new Error(`The client secret file ${options.clientSecretFile} is empty: put the secret on its first line.`);
  return secret;
}

function readFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the ${what} file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}

function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || number <= 0) throw new InvalidArgumentError('must be a number greater than 0.');
  return number;
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw new InvalidArgumentError('must be a whole number greater than 0.');
  return number;
}
