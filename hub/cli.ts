// `kaunter hub migrate|serve|enrol|revoke|history` and `kaunter hub user add|password|remove`: the hub's own commands.
// The launcher (app/kaunter.mjs) adds them to the counter's `hub` command, so `kaunter hub --help` lists both sides.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { historyJsonItem } from '../app/awards/history-json.ts';
import { MAX_PAGE_SIZE } from '../app/awards/history.ts';
import { checkExportOptions, writeJsonPages, type JsonPage } from '../app/commands/export-output.ts';
import { addHistoryFilterOptions, filterFrom, filterProblem, type HistoryFilterOptions } from '../app/commands/history-filters.ts';
import { awardLine, parseLimitOption } from '../app/commands/format.ts';
import { checkSchema, migrate } from './db/migrate.ts';
import { databaseProblem } from './db/connection-problems.ts';
import { openPool, type Pool } from './db/pool.ts';
import { exportHubCsv } from './export.ts';
import { ALL_OUTLETS, attemptsByAward, hubFilterSchema, hubHistoryPage, type HubFilter } from './history.ts';
import { serveHub } from './server/server.ts';
import { readTlsFiles } from './server/tls-files.ts';
import { printCsv } from '../app/commands/csv-output.ts';
import { parseTrustedProxies } from './server/client-address.ts';
import { enrolTerminal, LIVE_DAYS, revokeTerminal, shopMinute } from './terminals.ts';
import { addUser, removeUser, ROLES, setPassword, type Role } from './users.ts';

interface DatabaseOption {
  database?: string;
}

const CLI_ACTOR = 'cli';
/**
 * The head-office pages' own connections, beside the counters' ten: two exports at once, two password checks at once
 * (each holds its connection through scrypt), and room for the pages meanwhile. A statement there that runs longer
 * than two minutes is ended (a report over a filter far too wide).
 */
const BROWSER_CONNECTIONS = 6;
const BROWSER_STATEMENT_MS = 120_000;
/** On SIGTERM (systemd's stop, a restart): how long the requests under way get to be answered (systemd waits 90 s). */
const STOP_GRACE_MS = 10_000;

function withDatabase(command: Command): Command {
  return command.addOption(new Option('--database <url>', 'the hub\'s PostgreSQL, like postgres://user:pass@host/kaunter').env('KAUNTER_HUB_DATABASE'));
}

async function withPool<T>(options: DatabaseOption, work: (pool: Pool) => Promise<T>): Promise<T> {
  if (!options.database) throw new Error('Give the hub\'s database with --database URL (or KAUNTER_HUB_DATABASE).');
  const pool = openPool(options.database, 4);
  try {
    return await work(pool);
  } catch (error) {
    throw databaseProblem(error, options.database);
  } finally {
    await pool.end();
  }
}

export function registerHubServerCommands(hub: Command): void {
  withDatabase(hub.command('migrate').description('Create or update the hub\'s tables in PostgreSQL.')).action((options: DatabaseOption) =>
    withPool(options, async (pool) => {
      const applied = await migrate(pool);
      console.log(applied.length === 0 ? 'the database is up to date' : `applied ${applied.join(', ')}`);
    }),
  );

  withDatabase(hub.command('serve').description('Serve counters and head-office browsers. The first line is `listening URL`.'))
    .addOption(new Option('--port <n>', 'port').default('8443'))
    .addOption(new Option('--host <host>', 'address to listen on (plain HTTP only on loopback)').default('127.0.0.1'))
    .option('--tls-cert <file>', 'PEM certificate chain, to serve HTTPS')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .addOption(
      new Option('--trust-proxy <list>', 'reverse proxies whose X-Forwarded-For (the client) and X-Forwarded-Proto (https: Secure cookies) are believed: "loopback" and/or IP addresses, comma-separated').env('KAUNTER_HUB_TRUST_PROXY'),
    )
    .action((options: ServeCliOptions) => runServe(options));

  withDatabase(hub.command('enrol').description('Give a terminal (new, or an existing one for a replacement PC) its one-time enrolment code.'))
    .requiredOption('--outlet <name>', 'the outlet (shop): one the hub knows, whatever the case you type it in')
    .requiredOption('--terminal <name>', 'the terminal (counter PC)')
    .option('--new-outlet', 'the outlet may be new: create it if the hub has none of that name (without this, a name the hub does not know is refused as a likely typo)')
    .option('--replace', `the terminal is live (the hub heard from it within ${LIVE_DAYS} days) and this code is for the PC that replaces it`)
    .option('--json', 'print {"outlet","terminal","terminalId","code","expiresAt","replacesLiveSeenAt","replacesLivePushAt"}')
    .action((options: DatabaseOption & { outlet: string; terminal: string; newOutlet?: boolean; replace?: boolean; json?: boolean }) =>
      withPool(options, async (pool) => {
        await checkSchema(pool);
        const intent = { newOutlet: options.newOutlet === true, replaceLive: options.replace === true };
        const enrolment = await enrolTerminal(pool, options.outlet, options.terminal, CLI_ACTOR, intent);
        if (enrolment.replacesLiveSeenAt) {
          console.error(`this terminal is live (last heard from ${shopMinute(Date.parse(enrolment.replacesLiveSeenAt))}); joining with this code replaces that PC, which can then send nothing more`);
        }
        // replacesLivePushAt: this field's name before live counted check-ins too, kept for scripts that read it.
        if (options.json) console.log(JSON.stringify({ ...enrolment, replacesLivePushAt: enrolment.replacesLiveSeenAt }));
        else {
          const until = shopMinute(Date.parse(enrolment.expiresAt));
          console.log(`enrolment code for "${enrolment.terminal}" at "${enrolment.outlet}": ${enrolment.code} (valid once, until ${until})`);
        }
      }),
    );

  withDatabase(hub.command('revoke').description('Revoke a terminal\'s credential: the hub refuses it from now on.'))
    .requiredOption('--outlet <name>', 'the outlet')
    .requiredOption('--terminal <name>', 'the terminal')
    .action((options: DatabaseOption & { outlet: string; terminal: string }) =>
      withPool(options, async (pool) => {
        await checkSchema(pool);
        const revoked = await revokeTerminal(pool, options.outlet, options.terminal, CLI_ACTOR);
        console.log(`revoked terminal "${revoked.terminal}" at "${revoked.outlet}" (${revoked.terminalId})`);
      }),
    );

  const user = hub.command('user').description('Hub users.');
  withDatabase(user.command('add').description('Add a hub user; the password comes from standard input or a prompt.'))
    .requiredOption('--name <name>', 'sign-in name')
    .addOption(new Option('--role <role>', 'what they see').choices([...ROLES]).makeOptionMandatory())
    .option('--outlet <name>', 'an outlet manager\'s outlet')
    .action((options: DatabaseOption & { name: string; role: Role; outlet?: string }) =>
      withPool(options, async (pool) => {
        await checkSchema(pool);
        const password = await readPassword();
        const added = await addUser(pool, { name: options.name, role: options.role, outlet: options.outlet, password }, CLI_ACTOR);
        console.log(`added ${options.role} "${options.name.trim()}"${added.outlet ? ` for "${added.outlet}"` : ''}`);
      }),
    );
  withDatabase(user.command('password').description('Give a hub user a new password (from standard input or a prompt); their sessions end.'))
    .requiredOption('--name <name>', 'sign-in name')
    .action((options: DatabaseOption & { name: string }) =>
      withPool(options, async (pool) => {
        await checkSchema(pool);
        const name = await setPassword(pool, options.name, await readPassword(), CLI_ACTOR);
        console.log(`new password for "${name}"; their sessions have ended`);
      }),
    );
  withDatabase(user.command('remove').description('Remove a hub user (someone who left); their sessions end at once.'))
    .requiredOption('--name <name>', 'sign-in name')
    .action((options: DatabaseOption & { name: string }) =>
      withPool(options, async (pool) => {
        await checkSchema(pool);
        const name = await removeUser(pool, options.name, CLI_ACTOR);
        console.log(`removed "${name}"`);
      }),
    );

  withDatabase(addHistoryFilterOptions(hub.command('history').description('Award history across outlets and terminals; as JSON or CSV.')))
    .option('--outlet <name>', 'only this outlet')
    .option('--terminal <name>', 'only this terminal')
    .action((options: DatabaseOption & HistoryFilterOptions & { outlet?: string; terminal?: string }) =>
      withPool(options, async (pool) => {
        await checkSchema(pool);
        checkExportOptions(options);
        const parsed = hubFilterSchema.safeParse({ ...filterFrom(options), outlet: options.outlet, terminal: options.terminal });
        if (!parsed.success) throw new Error(filterProblem(parsed.error.issues[0]));
        if (options.csv) await printCsv(options.out, 'award', (out, onProgress) => exportHubCsv(pool, parsed.data, ALL_OUTLETS, out, { onProgress }));
        else if (options.json) await printCsv(options.out, 'award', (out) => writeJsonPages(out, (cursor) => jsonPage(pool, parsed.data, cursor)));
        // --limit is read only for the table, as `kaunter history` reads it: --json and --csv export everything.
        else await printTable(pool, parsed.data, parseLimitOption(options.limit, MAX_PAGE_SIZE));
      }),
    );
}

type ServeCliOptions = DatabaseOption & { port: string; host: string; tlsCert?: string; tlsKey?: string; trustProxy?: string };

async function runServe(options: ServeCliOptions): Promise<void> {
  const database = options.database;
  if (!database) throw new Error('Give the hub\'s database with --database URL (or KAUNTER_HUB_DATABASE).');
  if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) throw new Error('Give both --tls-cert and --tls-key, or neither.');
  const trustProxy = parseTrustedProxies(options.trustProxy ?? '');
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0-65535 (got "${options.port}").`);
  // Before the database: a wrong file is said even when the database is out of reach too.
  const tls = options.tlsCert && options.tlsKey ? readTlsFiles({ certFile: options.tlsCert, keyFile: options.tlsKey }) : undefined;
  const pool = openPool(database);
  const browserPool = openPool(database, BROWSER_CONNECTIONS, BROWSER_STATEMENT_MS);
  try {
    await checkSchema(pool).catch((error: unknown) => {
      throw databaseProblem(error, database);
    });
    const hub = await serveHub({ pool, browserPool, host: options.host, port, tls, trustProxy });
    console.log(`listening ${hub.url}`);
    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
    console.log(`stopping: answering the requests under way (up to ${STOP_GRACE_MS / 1000} s)`);
    await hub.close(STOP_GRACE_MS);
  } finally {
    // Open connections would keep a hub that could not start alive, saying nothing, for the pools' idle timeout.
    await Promise.allSettled([pool.end(), browserPool.end()]);
  }
}

/** One page of `--json`: each award with its attempts, and where it was made, beside the counter's fields. */
async function jsonPage(pool: Pool, filter: HubFilter, cursor: string | null): Promise<JsonPage> {
  const page = await hubHistoryPage(pool, filter, ALL_OUTLETS, cursor, MAX_PAGE_SIZE);
  const attempts = await attemptsByAward(pool, page.items.map((award) => award.id));
  const items = page.items.map((award) => ({ ...historyJsonItem(award, attempts.get(award.id) ?? []), outlet: award.outlet, terminal: award.terminal, terminalId: award.hubTerminalId }));
  return { items, nextCursor: page.nextCursor };
}

async function printTable(pool: Pool, filter: HubFilter, limit: number): Promise<void> {
  const page = await hubHistoryPage(pool, filter, ALL_OUTLETS, null, limit);
  for (const award of page.items) console.log(`${award.outlet} / ${award.terminal}  ${awardLine(award)}`);
  if (page.nextCursor) console.log('(more: narrow the filter, or use --json / --csv for everything)');
}

/** A password from a pipe (scripts, tests) or typed at a prompt without echo. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (text: string) => void };
  process.stderr.write('password: ');
  muted._writeToOutput = () => {};
  const [line] = (await once(rl, 'line')) as [string];
  rl.close();
  process.stderr.write('\n');
  return line;
}
