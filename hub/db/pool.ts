// Connections to the hub's PostgreSQL. The hub keeps no state of its own: everything it knows is in this database.
import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

// bigint columns hold epoch milliseconds and sen, far inside Number's exact range; read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

/**
 * `statementTimeoutMs`: PostgreSQL ends any one statement that runs longer (the head-office pages' pool, where a report
 * over a huge filter must not hold a connection for ever).
 */
export function openPool(url: string, max = 10, statementTimeoutMs?: number): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 10_000,
    ...(statementTimeoutMs === undefined ? {} : { statement_timeout: statementTimeoutMs }),
  });
  // An idle connection that PostgreSQL drops (a restart, a failover) must not take the hub down with it.
  pool.on('error', () => {});
  return pool;
}

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function inTransaction<T>(pool: Pool, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection whose ROLLBACK fails is broken (PostgreSQL restarted): it is destroyed, not given back to the pool.
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

const ENCODING_HINT = 'if its password has #, ? or / in it, write them as %23, %3F and %2F';

/** A database URL for messages and logs, without its password. */
export function describeUrl(url: string): string {
  // Any "word:" parses as a URL, and what follows it (a password typed without "//") would be shown as it is.
  if (!/^postgres(ql)?:\/\//i.test(url.trim())) return 'the database URL (not shown: it does not start with postgres://)';
  try {
    const parsed = new URL(url);
    // A password with an unencoded #, ? or / ends the host early: "kaunter:2024#shop@db" parses as host "kaunter",
    // port 2024, and the password is in what follows. An @ after the host is that sign: the URL is not shown at all.
    if (`${parsed.pathname}${parsed.search}${parsed.hash}`.includes('@')) return `the database URL (not shown: it has an @ after its host; ${ENCODING_HINT})`;
    parsed.password = parsed.password ? '***' : '';
    // pg also reads a password (and a TLS key's passphrase) from the query string, where an unencoded & would leave
    // the password's tail as a parameter of its own: the query is never shown, nor the hash, which pg ignores.
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return `the database URL (not a valid URL: ${ENCODING_HINT})`;
  }
}
