// Why the hub's database could not be used, said for an IT person to mend: the server out of reach, or refusing the
// user, the address, the database name or the TLS connection.
import { HubError } from '../errors.ts';
import { describeUrl } from './pool.ts';

const CUT = 'the connection was cut before PostgreSQL answered: is that PostgreSQL\'s port, and is it running?';
const UNTRUSTED_CA = 'PostgreSQL\'s certificate comes from a CA this machine does not trust: give it with sslrootcert= in the URL.';

const CONNECTING_WORDS: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that host and port: is PostgreSQL running there, and is the port right?',
  ECONNRESET: CUT,
  ETIMEDOUT: 'no answer in time: check the host and port, and any firewall between.',
  EHOSTUNREACH: 'this machine has no way to that host: check the network, and the host in the URL.',
  ENETUNREACH: 'this machine has no way to that network: check the network, and the host in the URL.',
  ENOTFOUND: 'there is no host of that name: check the host in the URL.',
  EAI_AGAIN: 'the host name could not be looked up (no answer from DNS): give an IP address, or try again.',
  '28P01': 'PostgreSQL refused the user name or password.',
  '3D000': 'PostgreSQL has no database of that name: create it, or check its name in the URL.',
  '57P03': 'PostgreSQL is still starting up: try again in a moment.',
  // The URL's sslmode=require (or verify-*) and a certificate Node does not trust.
  DEPTH_ZERO_SELF_SIGNED_CERT: 'PostgreSQL\'s certificate is self-signed: give its CA with sslrootcert= in the URL.',
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED_CA,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED_CA,
  ERR_TLS_CERT_ALTNAME_INVALID: 'PostgreSQL\'s certificate is not for that host name: use the name it was made for.',
  CERT_HAS_EXPIRED: 'PostgreSQL\'s certificate has expired: renew it on the database server.',
  // pg parses the URL itself, and says only "Invalid URL".
  ERR_INVALID_URL: 'write it as postgres://user:password@host:port/database.',
};

function connectingWords(error: Error): string | undefined {
  const code = (error as { code?: string }).code;
  if (code !== undefined && code in CONNECTING_WORDS) return CONNECTING_WORDS[code];
  // Refused by pg_hba.conf, or no such role: PostgreSQL's own sentence says which.
  if (code === '28000') return `PostgreSQL refused this connection (${error.message}).`;
  // pg says a connection that timed out or was cut with no code, only in words.
  if (/^Connection terminated due to connection timeout/.test(error.message)) return CONNECTING_WORDS.ETIMEDOUT;
  if (/^SASL: .*password must be/.test(error.message)) return 'PostgreSQL asks for a password, and the URL gives none.';
  if (/^The server does not support SSL/.test(error.message)) return 'PostgreSQL does not take TLS connections: remove sslmode from the URL, or turn ssl on in the server.';
  if (/^Connection terminated/.test(error.message)) return CUT;
  return undefined;
}

/**
 * The database out of reach or refusing the connection: said with its address (no password). Anything else (a bug, a
 * broken schema) is passed on as it is.
 */
export function databaseProblem(error: unknown, url: string): unknown {
  if (error instanceof HubError || !(error instanceof Error)) return error;
  const words = connectingWords(error);
  return words === undefined ? error : new Error(`Could not use ${describeUrl(url)}: ${words}`);
}
