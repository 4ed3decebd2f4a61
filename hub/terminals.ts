// Outlets and terminals: enrolment codes, the credential a counter gets for one, and revocation.
import { z } from 'zod';
import { inTransaction, type Client, type Pool } from './db/pool.ts';
import { HubError, parseWith } from './errors.ts';
import { newEnrolmentCode, newToken, normaliseCode, sameHash, sha256 } from './secrets.ts';
import { recordAudit } from './audit.ts';
import { closeUnreportedDecisions } from './decisions.ts';
import { exactNameFirst, idNamed, sameName } from './names.ts';
import { hasControlCharacter } from '../app/common/text.ts';
import { shopDate, shopTimeOfDay, SHOP_ZONE_LABEL } from '../app/common/shop-time.ts';

const ENROL_CODE_DAYS = 7;
const CREDENTIAL_PREFIX = 'kht1.';

export const placeNameSchema = z
  .string()
  .trim()
  .min(1, 'A name is required.')
  .max(80, 'A name is at most 80 characters.')
  .refine((text) => !hasControlCharacter(text), 'A name cannot contain control characters.');

export interface Enrolment {
  /** As the hub already spells them when the name typed differs only in case. */
  outlet: string;
  terminal: string;
  terminalId: string;
  code: string;
  /** When the code stops working (ISO). */
  expiresAt: string;
  /** When the hub last heard (ISO) from the PC this code takes the terminal from, when that PC is live; else null. */
  replacesLiveSeenAt: string | null;
}

/**
 * What the person enrolling said they mean: to open a new outlet (else a name the hub does not know is refused as a
 * likely typo), and to take a live terminal from the PC using it (else refused: that PC would be shut out). Every
 * caller says which, with no default: a yes assumed would open a mistyped outlet, or shut out a PC nobody meant to replace.
 */
export interface EnrolIntent {
  newOutlet: boolean;
  replaceLive: boolean;
}

/**
 * A terminal the hub heard from (a push, or the check-in a counter makes every 15 s while it is on) within this many
 * days counts as live: a shop shut for a long festive holiday (Hari Raya, Chinese New Year: a week or more) with its PC
 * off must not look abandoned; a PC silent for two weeks is taken to be gone. Replacing a live one is still possible,
 * with --replace.
 */
export const LIVE_DAYS = 14;

/** SQL: when the hub last heard from the terminal (`alias`.) at all, its last push or check-in; null if never. */
export function heardAtSql(alias = ''): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `GREATEST(${column('last_push_at')}, ${column('last_seen_at')})`;
}

/**
 * Creates the outlet (when told it is new) and the terminal (if new) and gives out a fresh one-time code for it.
 * Enrolling an existing terminal again is how a replacement PC takes over: its credential replaces the old one when the
 * code is used. Names are compared ignoring case, so "mid valley" is the outlet "Mid Valley", never a second one.
 */
export async function enrolTerminal(pool: Pool, outletName: string, terminalName: string, actor: string, intent: EnrolIntent): Promise<Enrolment> {
  const outletTyped = parseWith(placeNameSchema, outletName);
  const terminalTyped = parseWith(placeNameSchema, terminalName);
  const code = newEnrolmentCode();
  return inTransaction(pool, async (client) => {
    // One enrolment at a time decides whether a name is new: two at once could otherwise both find "mid valley" unknown
    // and make it twice (the table's UNIQUE is exact, not ignoring case).
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('kaunter:enrol'))`);
    const outlet = await outletToEnrol(client, outletTyped, intent.newOutlet);
    const existing = await terminalNamed(client, outlet, terminalTyped);
    if (existing?.live && !intent.replaceLive) throw liveTerminal(outlet.name, existing);
    const codeHash = sha256(normaliseCode(code));
    const terminalRow = existing
      ? await client.query<IssuedRow>(`UPDATE terminals SET enrol_code_hash = $2, enrol_expires_at = ${EXPIRES} WHERE id = $1 RETURNING ${ISSUED}`, [existing.id, codeHash])
      : await client.query<IssuedRow>(`INSERT INTO terminals (outlet_id, name, enrol_code_hash, enrol_expires_at) VALUES ($1, $2, $3, ${EXPIRES}) RETURNING ${ISSUED}`, [
          outlet.id,
          terminalTyped,
          codeHash,
        ]);
    const { id: terminalId, expires_at: expiresAt } = terminalRow.rows[0] as IssuedRow;
    const terminal = existing?.name ?? terminalTyped;
    await recordAudit(client, actor, 'terminal.enrol', terminalId, { outlet: outlet.name, terminal });
    const replacesLiveSeenAt = existing?.live ? (existing.last_heard_at as Date).toISOString() : null;
    return { outlet: outlet.name, terminal, terminalId, code, expiresAt: expiresAt.toISOString(), replacesLiveSeenAt };
  });
}

const EXPIRES = `now() + make_interval(days => ${ENROL_CODE_DAYS})`;
const ISSUED = 'id, enrol_expires_at AS expires_at';
type IssuedRow = { id: string; expires_at: Date };

/** "07/12/2026 14:05 MYT": a moment as the shop's clock reads it, to the minute. */
export function shopMinute(ms: number): string {
  return `${shopDate(ms)} ${shopTimeOfDay(ms)} ${SHOP_ZONE_LABEL}`;
}

interface NamedRow {
  id: string;
  name: string;
}

/** The outlet of that name whatever its case, or null. */
export async function outletNamed(client: Client, name: string): Promise<NamedRow | null> {
  const rows = await client.query<NamedRow>(`SELECT id, name FROM outlets WHERE id = ${idNamed('outlets', '$1')}`, [name.trim()]);
  return rows.rows[0] ?? null;
}

async function outletToEnrol(client: Client, typed: string, isNew: boolean): Promise<NamedRow> {
  const found = await outletNamed(client, typed);
  if (found) return found;
  if (!isNew) throw await noOutlet(client, typed, 'To open a new outlet, enrol its first terminal with --new-outlet.');
  const inserted = await client.query<{ id: string }>('INSERT INTO outlets (name) VALUES ($1) RETURNING id', [typed]);
  return { id: inserted.rows[0]?.id as string, name: typed };
}

/** The refusal of an outlet name the hub does not know, naming those it does that look like a typo of it. */
async function noOutlet(client: Client, typed: string, whatToDo: string): Promise<HubError> {
  const all = await client.query<{ name: string }>('SELECT name FROM outlets ORDER BY name');
  return new HubError('NOT_FOUND', `There is no outlet "${typed}".${didYouMean(typed, all.rows.map((row) => row.name))} ${whatToDo}`);
}

/** The refusal of a terminal name `outlet` does not have, naming its terminals that look like a typo of it. */
async function noTerminal(client: Client, outlet: NamedRow, typed: string, whatToDo: string): Promise<HubError> {
  const all = await client.query<{ name: string }>('SELECT name FROM terminals WHERE outlet_id = $1 ORDER BY name', [outlet.id]);
  return new HubError('NOT_FOUND', `There is no terminal "${typed}" at outlet "${outlet.name}".${didYouMean(typed, all.rows.map((row) => row.name))} ${whatToDo}`);
}

/** ` Did you mean "A" or "B"?` for the names that look like a typo of `typed`; empty when none does. */
function didYouMean(typed: string, names: readonly string[]): string {
  const close = closeNames(typed, names);
  return close.length > 0 ? ` Did you mean ${close.map((name) => `"${name}"`).join(' or ')}?` : '';
}

type TerminalRow = NamedRow & { last_heard_at: Date | null; live: boolean };

/** The outlet's terminal of that name whatever its case, locked until the enrolment or revocation commits, or null. */
async function terminalNamed(client: Client, outlet: NamedRow, name: string): Promise<TerminalRow | null> {
  const rows = await client.query<TerminalRow>(
    `SELECT id, name, ${heardAtSql()} AS last_heard_at,
            (revoked_at IS NULL AND credential_hash IS NOT NULL AND ${heardAtSql()} > now() - make_interval(days => $3)) AS live
     FROM terminals WHERE outlet_id = $1 AND ${sameName('name', '$2')} ORDER BY ${exactNameFirst('name', '$2')} LIMIT 1 FOR UPDATE`,
    [outlet.id, name.trim(), LIVE_DAYS],
  );
  return rows.rows[0] ?? null;
}

function liveTerminal(outlet: string, terminal: TerminalRow): HubError {
  const lastHeard = shopMinute((terminal.last_heard_at as Date).getTime());
  return new HubError(
    'CONFLICT',
    `This terminal ("${terminal.name}" at "${outlet}") is live (last heard from ${lastHeard}): joining with a new code replaces that PC, which can then send nothing more. If that is what you mean (the PC is lost, or being replaced), enrol again with --replace.`,
  );
}

/** Up to three names that look like a typo of `typed`: the same letters and digits, one inside the other, or a few edits apart. */
export function closeNames(typed: string, names: readonly string[]): string[] {
  const bare = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const want = bare(typed);
  const close = (name: string) => {
    const have = bare(name);
    const shorter = Math.min(have.length, want.length);
    return (shorter >= 3 && (have.includes(want) || want.includes(have))) || editDistance(have, want) <= Math.max(1, Math.floor(want.length / 4));
  };
  return names.filter(close).slice(0, 3);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
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

export interface Revoked {
  terminalId: string;
  /** As the hub spells them, whatever the case they were typed in. */
  outlet: string;
  terminal: string;
}

const CHECK_NAMES = "Check the name: the hub's Counters tab lists every outlet's terminals.";

/** Shuts a terminal out: its credential is refused from now on, and a code not yet used no longer works. */
export async function revokeTerminal(pool: Pool, outletName: string, terminalName: string, actor: string): Promise<Revoked> {
  return inTransaction(pool, async (client) => {
    const outlet = await outletNamed(client, outletName);
    if (!outlet) throw await noOutlet(client, outletName.trim(), CHECK_NAMES);
    const terminal = await terminalNamed(client, outlet, terminalName);
    if (!terminal) throw await noTerminal(client, outlet, terminalName.trim(), CHECK_NAMES);
    await client.query('UPDATE terminals SET revoked_at = now(), enrol_code_hash = NULL WHERE id = $1', [terminal.id]);
    await recordAudit(client, actor, 'terminal.revoke', terminal.id, { outlet: outlet.name, terminal: terminal.name });
    return { terminalId: terminal.id, outlet: outlet.name, terminal: terminal.name };
  });
}
