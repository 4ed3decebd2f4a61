// Outlets and terminals: enrolment codes, the credential a counter gets for one, and revocation.
import { z } from 'zod';
import { inTransaction, type Pool } from './db/pool.ts';
import { HubError, parseWith } from './errors.ts';
import { newEnrolmentCode, newToken, normaliseCode, sameHash, sha256 } from './secrets.ts';
import { recordAudit } from './audit.ts';
import { closeUnreportedDecisions } from './decisions.ts';
import { hasControlCharacter } from '../app/common/text.ts';

const ENROL_CODE_DAYS = 7;
const CREDENTIAL_PREFIX = 'kht1.';

export const placeNameSchema = z
  .string()
  .trim()
  .min(1, 'A name is required.')
  .max(80, 'A name is at most 80 characters.')
  .refine((text) => !hasControlCharacter(text), 'A name cannot contain control characters.');

export interface Enrolment {
  outlet: string;
  terminal: string;
  terminalId: string;
  code: string;
}

/**
 * Creates the outlet (if new) and the terminal (if new) and gives out a fresh one-time code for it. Enrolling an
 * existing terminal again is how a replacement PC takes over: its credential replaces the old one when the code is used.
 */
export async function enrolTerminal(pool: Pool, outletName: string, terminalName: string, actor: string): Promise<Enrolment> {
  const outlet = parseWith(placeNameSchema, outletName);
  const terminal = parseWith(placeNameSchema, terminalName);
  const code = newEnrolmentCode();
  return inTransaction(pool, async (client) => {
    const outletRow = await client.query<{ id: string }>(
      `INSERT INTO outlets (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [outlet],
    );
    const outletId = outletRow.rows[0]?.id as string;
    const terminalRow = await client.query<{ id: string }>(
      `INSERT INTO terminals (outlet_id, name, enrol_code_hash, enrol_expires_at)
       VALUES ($1, $2, $3, now() + make_interval(days => $4))
       ON CONFLICT (outlet_id, name) DO UPDATE SET enrol_code_hash = EXCLUDED.enrol_code_hash, enrol_expires_at = EXCLUDED.enrol_expires_at
       RETURNING id`,
      [outletId, terminal, sha256(normaliseCode(code)), ENROL_CODE_DAYS],
    );
    const terminalId = terminalRow.rows[0]?.id as string;
    await recordAudit(client, actor, 'terminal.enrol', terminalId, { outlet, terminal });
    return { outlet, terminal, terminalId, code };
  });
}

export interface Joined {
  terminalId: string;
  terminal: string;
  outlet: string;
  credential: string;
  ackedSeq: number;
}

/** Exchanges a one-time code for the terminal's credential. The code works once, and not after it expires. */
export async function joinWithCode(pool: Pool, code: string): Promise<Joined> {
  return inTransaction(pool, async (client) => {
    const row = await client.query<{ id: string; name: string; outlet: string; acked_seq: number }>(
      `SELECT t.id, t.name, o.name AS outlet, t.acked_seq FROM terminals t JOIN outlets o ON o.id = t.outlet_id
       WHERE t.enrol_code_hash = $1 AND t.enrol_expires_at > now() FOR UPDATE OF t`,
      [sha256(normaliseCode(code))],
    );
    const terminal = row.rows[0];
    if (!terminal) {
      throw new HubError('CODE_INVALID', 'This enrolment code is not valid: it was already used, has expired, or was mistyped. Ask head office for a new one.');
    }
    const credential = `${CREDENTIAL_PREFIX}${terminal.id}.${newToken('')}`;
    await client.query(
      `UPDATE terminals SET credential_hash = $2, enrol_code_hash = NULL, enrol_expires_at = NULL, enrolled_at = now(), revoked_at = NULL
       WHERE id = $1`,
      [terminal.id, sha256(credential)],
    );
    await recordAudit(client, `terminal:${terminal.id}`, 'terminal.join', terminal.id, { outlet: terminal.outlet, terminal: terminal.name });
    await closeUnreportedDecisions(client, terminal.id);
    return { terminalId: terminal.id, terminal: terminal.name, outlet: terminal.outlet, credential, ackedSeq: terminal.acked_seq };
  });
}

export interface TerminalIdentity {
  terminalId: string;
  outletId: string;
}

// The id part is a whole uuid: a string of the same length that PostgreSQL cannot read as one would be an error there.
const CREDENTIAL_SHAPE = /^kht1\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/;

/** Who is calling, from the credential in the request; a revoked or unknown credential is refused, saying which. */
export async function authenticateTerminal(pool: Pool, credential: string | undefined): Promise<TerminalIdentity> {
  const match = credential ? CREDENTIAL_SHAPE.exec(credential) : null;
  if (!credential || !match) throw new HubError('UNAUTHENTICATED', 'This request carries no valid terminal credential: enrol the terminal with `kaunter hub join`.');
  const row = await pool.query<{ outlet_id: string; credential_hash: Buffer | null; revoked_at: Date | null }>(
    'SELECT outlet_id, credential_hash, revoked_at FROM terminals WHERE id = $1',
    [match[1]],
  );
  const terminal = row.rows[0];
  if (!terminal?.credential_hash || !sameHash(terminal.credential_hash, sha256(credential))) {
    throw new HubError('UNAUTHENTICATED', 'The hub does not know this terminal credential (it was replaced by a newer enrolment): enrol again with a new code.');
  }
  if (terminal.revoked_at) {
    throw new HubError('REVOKED', 'Head office has revoked this terminal: it can no longer send records. Ask head office to enrol it again.');
  }
  return { terminalId: match[1] as string, outletId: terminal.outlet_id };
}

export async function revokeTerminal(pool: Pool, outletName: string, terminalName: string, actor: string): Promise<string> {
  return inTransaction(pool, async (client) => {
    const row = await client.query<{ id: string }>(
      `UPDATE terminals t SET revoked_at = now(), enrol_code_hash = NULL FROM outlets o
       WHERE o.id = t.outlet_id AND o.name = $1 AND t.name = $2 RETURNING t.id`,
      [outletName, terminalName],
    );
    const id = row.rows[0]?.id;
    if (!id) throw new HubError('NOT_FOUND', `There is no terminal "${terminalName}" at outlet "${outletName}".`);
    await recordAudit(client, actor, 'terminal.revoke', id, { outlet: outletName, terminal: terminalName });
    return id;
  });
}
