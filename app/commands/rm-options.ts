// The options every RM-facing command shares, each also readable from a KAUNTER_* environment variable so a support
// laptop can run commands headless without secrets on the command line (visible in `ps`).
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { isEnvironment, RM_HOSTS, type Environment, type RmHosts } from '../rm/hosts.ts';
import type { RmCredentials } from '../rm/connection.ts';
import { KeyFormatError, loadPrivateKey } from '../rm/keys.ts';
import { whyUnreadable } from '../common/file-errors.ts';

export interface RmCommandOptions {
  env: string;
  apiUrl?: string;
  oauthUrl?: string;
  clientId?: string;
  clientSecret?: string;
  key?: string;
}

/** Which environment's database (and, for commands that talk to RM, which RM). */
export function addEnvironmentOption(command: Command, description = 'training (a local sandbox: give --api-url and --oauth-url), sandbox or production'): Command {
  return command.addOption(
    new Option('--env <environment>', description)
      .env('KAUNTER_ENV')
      .choices(['training', 'sandbox', 'production'])
      .default('training'),
  );
}

export function addRmOptions(command: Command): Command {
  return addEnvironmentOption(command)
    .addOption(new Option('--api-url <url>', 'RM Open API base URL (e.g. a local sandbox)').env('KAUNTER_API_URL'))
    .addOption(new Option('--oauth-url <url>', 'RM OAuth base URL').env('KAUNTER_OAUTH_URL'))
    .addOption(new Option('--client-id <id>', 'RM application client ID').env('KAUNTER_CLIENT_ID'))
    .addOption(new Option('--client-secret <secret>', 'RM application client secret').env('KAUNTER_CLIENT_SECRET'))
    .addOption(new Option('--key <file>', 'PEM file with the private key (PKCS#1 or PKCS#8)').env('KAUNTER_KEY'));
}

export function environmentOf(options: RmCommandOptions): Environment {
  if (!isEnvironment(options.env)) throw new Error(`--env must be training, sandbox or production (got "${options.env}").`);
  return options.env;
}

export function rmHostsFrom(options: RmCommandOptions): RmHosts {
  if (options.apiUrl && options.oauthUrl) return { apiUrl: options.apiUrl, oauthUrl: options.oauthUrl };
  if (options.apiUrl || options.oauthUrl) {
    throw new Error('Give both --api-url and --oauth-url (a sandbox serves both on one origin), or neither.');
  }
  const env = environmentOf(options);
  if (env === 'training') {
    throw new Error('Training talks to a local sandbox: start `kaunter sandbox` and pass its URL as --api-url and --oauth-url.');
  }
  return RM_HOSTS[env];
}

/** Whether the options name RM credentials at all (commands that can work offline, like `award --queue-only`). */
export function hasRmCredentials(options: RmCommandOptions): boolean {
  return Boolean(options.clientId || options.clientSecret || options.key);
}

export function rmCredentialsFrom(options: RmCommandOptions): RmCredentials {
  const missing = [
    options.clientId ? null : '--client-id (or KAUNTER_CLIENT_ID)',
    options.clientSecret ? null : '--client-secret (or KAUNTER_CLIENT_SECRET)',
    options.key ? null : '--key (or KAUNTER_KEY)',
  ].filter((name) => name !== null);
  if (missing.length > 0 || !options.clientId || !options.clientSecret || !options.key) {
    throw new Error(`Missing ${missing.join(', ')}. \`kaunter sandbox\` prints training credentials to use.`);
  }
  return { clientId: options.clientId, clientSecret: options.clientSecret, privateKeyPem: readKeyFile(options.key) };
}

/** The private key file --key names, checked here so that what is wrong with it is said in the command line's words. */
export function readKeyFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the key file ${path}: ${whyUnreadable(error)}.`);
  }
  try {
    loadPrivateKey(pem);
  } catch (error) {
    // The screens' sentence for an unreadable key asks to paste it; here the key is a file.
    if (error instanceof KeyFormatError && error.key !== 'key.unreadablePrivate') throw new Error(`The key file ${path} cannot sign. ${error.message}`);
    throw new Error(
      `The key file ${path} cannot sign: it is not a private key in PEM. Give the private_key.pem that \`kaunter keys generate\` wrote (or your own RSA key), whole, from "-----BEGIN" to "-----END".`,
    );
  }
  return pem;
}
