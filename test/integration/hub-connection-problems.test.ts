// What `kaunter hub` says when its database will not take the connection, for the answers a real PostgreSQL here
// cannot be made to give: a refusal before any password, a server still starting, a password asked of a URL with none,
// and TLS that cannot be trusted. (The refusals PostgreSQL gives here, and the network's, are in test/hub/cli.test.ts.)
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseProblem } from '../../hub/db/connection-problems.ts';
import { openPool } from '../../hub/db/pool.ts';
import { startPostgresStandIn, type StandInAnswer } from '../fixtures/postgres-stand-in.ts';
import { caSignedCertificates, loopbackCertificate } from '../fixtures/tls.ts';

// pg takes a password and a TLS mode from the environment and ~/.pgpass too, as a developer's shell may give them:
// here only the URL speaks.
beforeAll(() => {
  vi.stubEnv('PGPASSWORD', undefined);
  vi.stubEnv('PGSSLMODE', undefined);
  vi.stubEnv('PGPASSFILE', '/nonexistent/kaunter-test-pgpass');
});
afterAll(() => vi.unstubAllEnvs());

/** What the hub says after connecting to a stand-in that answers `how`, through `url` (PORT is its port). */
async function saidFor(how: StandInAnswer, url: string): Promise<string> {
  const standIn = await startPostgresStandIn(how);
  const withPort = url.replace('PORT', String(standIn.port));
  const pool = openPool(withPort, 1);
  try {
    const failure: unknown = await pool.query('SELECT 1').then(() => new Error('connected, yet the stand-in serves no queries'), (error: unknown) => error);
    return (databaseProblem(failure, withPort) as Error).message.replace(String(standIn.port), 'PORT');
  } finally {
    await pool.end();
    standIn.close();
  }
}

describe("the hub's words for a database that will not take the connection", () => {
  it("gives PostgreSQL's own sentence for a connection pg_hba.conf refuses", async () => {
    const refusal = 'no pg_hba.conf entry for host "127.0.0.1", user "kaunter", database "hub", no encryption';
    expect(await saidFor({ kind: 'refuse', code: '28000', message: refusal }, 'postgres://kaunter:secret@127.0.0.1:PORT/hub')).toBe(
      `Could not use postgres://kaunter:***@127.0.0.1:PORT/hub: PostgreSQL refused this connection (${refusal}).`,
    );
  });

  it('says a server still starting up is to be tried again in a moment', async () => {
    expect(await saidFor({ kind: 'refuse', code: '57P03', message: 'the database system is starting up' }, 'postgres://kaunter@127.0.0.1:PORT/hub')).toBe(
      'Could not use postgres://kaunter@127.0.0.1:PORT/hub: PostgreSQL is still starting up: try again in a moment.',
    );
  });

  it('says the URL gives no password when PostgreSQL asks for one', async () => {
    expect(await saidFor({ kind: 'askPassword' }, 'postgres://kaunter@127.0.0.1:PORT/hub')).toBe(
      'Could not use postgres://kaunter@127.0.0.1:PORT/hub: PostgreSQL asks for a password, and the URL gives none.',
    );
  });

  it('says a server without TLS does not take the sslmode the URL asks for', async () => {
    expect(await saidFor({ kind: 'noTls' }, 'postgres://kaunter@127.0.0.1:PORT/hub?sslmode=verify-full')).toBe(
      'Could not use postgres://kaunter@127.0.0.1:PORT/hub: PostgreSQL does not take TLS connections: remove sslmode from the URL, or turn ssl on in the server.',
    );
  });

  it("names what is wrong with a certificate it cannot trust, and never shows the URL's query", async () => {
    const selfSigned = loopbackCertificate();
    const signed = caSignedCertificates();
    const cases: Array<[StandInAnswer, string, string]> = [
      [{ kind: 'tls', key: readFileSync(selfSigned.keyFile), cert: selfSigned.ca }, 'postgres://kaunter@127.0.0.1:PORT/hub?sslmode=verify-full', "PostgreSQL's certificate is self-signed: give its CA with sslrootcert= in the URL."],
      [{ kind: 'tls', key: signed.key, cert: signed.leaf }, 'postgres://kaunter@127.0.0.1:PORT/hub?sslmode=verify-full', "PostgreSQL's certificate comes from a CA this machine does not trust: give it with sslrootcert= in the URL."],
      [{ kind: 'tls', key: signed.key, cert: signed.leafThenCa }, 'postgres://kaunter@127.0.0.1:PORT/hub?sslmode=verify-full', "PostgreSQL's certificate comes from a CA this machine does not trust: give it with sslrootcert= in the URL."],
      // Trusted, but out of date.
      [{ kind: 'tls', key: signed.key, cert: signed.expired }, `postgres://kaunter@127.0.0.1:PORT/hub?sslmode=verify-full&sslrootcert=${signed.caFile}`, "PostgreSQL's certificate has expired: renew it on the database server."],
      // Trusted, but made for 127.0.0.1, not for the name the URL gives.
      [{ kind: 'tls', key: signed.key, cert: signed.leaf }, `postgres://kaunter@localhost:PORT/hub?sslmode=verify-full&sslrootcert=${signed.caFile}`, "PostgreSQL's certificate is not for that host name: use the name it was made for."],
    ];
    for (const [how, url, words] of cases) {
      expect(await saidFor(how, url), url).toBe(`Could not use ${url.replace(/\?.*/, '')}: ${words}`);
    }
  });
});
