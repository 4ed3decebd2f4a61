// Signing in to the hub: scrypt password check, a growing lockout of a name (whatever its case: "Boss" and "boss" are
// one person, else each case would be a fresh set of guesses) at the address its wrong passwords came from (the
// counter's PIN rule: 3 free, then 30 s doubling to an hour, fading after quiet spells), a limit per name across
// addresses that the user's own addresses pass, a cap on failures per address, and sessions kept as a hash of a random
// token with their own CSRF token. Everything is in PostgreSQL, so every hub process behind a load balancer agrees.
import pLimit from 'p-limit';
import { z } from 'zod';
import { failuresAfterQuiet, hashPassword, lockoutAfter, passwordMatches, passwordNeedsRehash } from '../app/manager/pin.ts';
import type { PinHash } from '../app/settings.ts';
import type { Client, Pool } from './db/pool.ts';
import { inTransaction } from './db/pool.ts';
import { saidRefusal } from './errors.ts';
import { addressBlock } from './address-block.ts';
import { recordAudit } from './audit.ts';
import { foldedName, idNamed, sameName } from './names.ts';
import { OpenCounts } from './open-counts.ts';
import { newToken, sha256 } from './secrets.ts';
import type { Role } from './users.ts';

export const SESSION_HOURS = 12;
/** Failed sign-ins from one address in ADDRESS_WINDOW_MINUTES before it must wait. */
export const ADDRESS_FAILURES = 20;
const ADDRESS_WINDOW_MINUTES = 15;
/** Wrong passwords for one name from every address in NAME_WINDOW_MINUTES, beyond which only the user's own addresses may try. */
export const NAME_FAILURES = 20;
const NAME_WINDOW_MINUTES = 60;

// Empty fields pass here, so that logIn() can ask for them in plain words rather than in the schema's.
export const loginSchema = z.strictObject({ name: z.string().trim().max(80), password: z.string().max(200) });

export interface SignedIn {
  userId: string;
  name: string;
  role: Role;
  outletId: string | null;
  outlet: string | null;
  csrfToken: string;
}

// Checked when the name is unknown, so a wrong name costs as long as a wrong password and names cannot be probed (a
// name nobody has is locked after wrong passwords by the same rule as a user).
const decoy: Promise<PinHash> = hashPassword('decoy password that matches nothing');

/**
 * Password checks at once in this hub process. scrypt is slow on purpose and each check holds a database connection:
 * a burst of sign-ins would otherwise take the connections counters push through, and each check of the burst would
 * pass the per-address limit before any of its failures was recorded (48 of 200 in a probe, against the limit's 20).
 */
const passwordChecks = pLimit(2);
/** Sign-ins waiting beyond this are refused at once rather than queued. */
const CHECKS_WAITING = 32;
/** Sign-ins waiting or being checked from one address: one guesser cannot fill the queue for everybody else. */
const CHECKS_PER_ADDRESS = 4;
const checksByAddress = new OpenCounts();

/**
 * One sign-in at a time per name (an advisory lock held while the password is checked), so parallel guesses cannot slip
 * past the lockout. A failure is committed before it is reported.
 */
export async function logIn(pool: Pool, typed: string, password: string, address: string): Promise<{ token: string; user: SignedIn }> {
  const name = typed.trim();
  if (name === '' || password === '') throw saidRefusal('BAD_REQUEST', 'headOffice.signInMissing');
  const from = { address, block: addressBlock(address) };
  await refuseBusyAddress(pool, from.block);
  if (checksByAddress.count(from.block) >= CHECKS_PER_ADDRESS || passwordChecks.pendingCount >= CHECKS_WAITING) {
    throw saidRefusal('LOCKED', 'headOffice.signInBusy', {}, { retryAfterSeconds: 5 });
  }
  return checksByAddress.during([from.block], () => passwordChecks(() => checkPassword(pool, name, password, from)));
}

/** Where a sign-in comes from: its address (for the audit, and the user's own addresses) and the block limits count. */
interface Origin {
  address: string;
  block: string;
}

async function checkPassword(pool: Pool, name: string, password: string, from: Origin): Promise<{ token: string; user: SignedIn }> {
  // Again: failures recorded while this one waited count too.
  await refuseBusyAddress(pool, from.block);
  const outcome = await inTransaction(pool, async (client) => {
    await holdSignIns(client, name);
    const found = await client.query<UserRow>(
      `SELECT u.id, u.name, u.role, u.outlet_id, o.name AS outlet, u.password_hash
       FROM users u LEFT JOIN outlets o ON o.id = u.outlet_id WHERE u.id = ${idNamed('users', '$1')}`,
      [name],
    );
    const user = found.rows[0];
    const lockedSeconds = await lockedSecondsFrom(client, name, from, user?.id ?? null);
    if (lockedSeconds > 0) return { kind: 'locked' as const, seconds: lockedSeconds };
    const stored = user ? (JSON.parse(user.password_hash) as PinHash) : await decoy;
    const matches = await passwordMatches(password, stored);
    if (!user || !matches) {
      await recordFailure(client, user?.id ?? null, user?.name ?? name, from);
      return { kind: 'wrong' as const };
    }
    // The password is at hand only now: a hash from before the hub's passwords took more work is made again with it.
    if (passwordNeedsRehash(stored)) await client.query('UPDATE users SET password_hash = $1 WHERE id = $2', [JSON.stringify(await hashPassword(password)), user.id]);
    const token = newToken('');
    const csrfToken = newToken('');
    await client.query(`DELETE FROM login_failures WHERE ${sameName('name', '$1')} AND address = $2`, [name, from.block]);
    await client.query('INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))', [
      sha256(token),
      user.id,
      csrfToken,
      SESSION_HOURS,
    ]);
    await client.query('DELETE FROM sessions WHERE expires_at < now()');
    await recordAudit(client, `user:${user.name}`, 'user.login', user.id, { address: from.address });
    const signedIn: SignedIn = { userId: user.id, name: user.name, role: user.role, outletId: user.outlet_id, outlet: user.outlet, csrfToken };
    return { kind: 'ok' as const, token, user: signedIn };
  });
  switch (outcome.kind) {
    case 'locked':
      throw saidRefusal('LOCKED', 'headOffice.userLockedOut', { seconds: outcome.seconds }, { retryAfterSeconds: outcome.seconds });
    case 'wrong':
      throw saidRefusal('UNAUTHENTICATED', 'headOffice.signInWrong');
    case 'ok':
      return { token: outcome.token, user: outcome.user };
  }
}

/**
 * Until this transaction ends, no other sign-in of the name, in any case, is checked. A sign-in holds it from reading
 * the user to making the session, so a password reset or a removal that takes it first waits for a sign-in already
 * past its check and ends that session too, rather than missing one not yet committed.
 */
export async function holdSignIns(client: Client, name: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('login:' || ${foldedName('$1')}))`, [name]);
}

interface UserRow {
  id: string;
  name: string;
  role: Role;
  outlet_id: string | null;
  outlet: string | null;
  password_hash: string;
}

async function refuseBusyAddress(pool: Pool, address: string): Promise<void> {
  const row = await pool.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM login_failures WHERE address = $1 AND at > now() - make_interval(mins => $2)`,
    [address, ADDRESS_WINDOW_MINUTES],
  );
  if ((row.rows[0]?.n ?? 0) >= ADDRESS_FAILURES) {
    throw saidRefusal('LOCKED', 'headOffice.addressLockedOut', { minutes: ADDRESS_WINDOW_MINUTES }, { retryAfterSeconds: ADDRESS_WINDOW_MINUTES * 60 });
  }
}

/**
 * How long a name stays locked for this address (its /64 for IPv6, as every limit here counts): its wrong passwords
 * from here in the last day, counted as the counter counts wrong PINs (lockEndsAt). Only here, so a stranger's wrong
 * passwords from elsewhere never lock the user out; but many addresses guessing one name (a botnet) meet the name-wide
 * limit, which only addresses the user has signed in from before pass. The same for a name nobody has, so no name can
 * be probed.
 */
async function lockedSecondsFrom(client: Client, name: string, from: Origin, userId: string | null): Promise<number> {
  // PostgreSQL's clock, as the failures were written by it, read in the same query.
  const here = await client.query<{ times: number[]; now_ms: number }>(
    `SELECT COALESCE(array_agg((EXTRACT(EPOCH FROM at) * 1000)::float8 ORDER BY at), '{}') AS times, (EXTRACT(EPOCH FROM now()) * 1000)::float8 AS now_ms
     FROM login_failures WHERE ${sameName('name', '$1')} AND address = $2`,
    [name, from.block],
  );
  const { times = [], now_ms: nowMs = Date.now() } = here.rows[0] ?? {};
  const lockedHere = Math.ceil((lockEndsAt(times) - nowMs) / 1000);
  if (lockedHere > 0) return lockedHere;
  const everywhere = await client.query<{ n: number; left_s: number }>(
    `SELECT COUNT(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM MIN(at) + make_interval(mins => $2) - now()), 0)::float8 AS left_s
     FROM login_failures WHERE ${sameName('name', '$1')} AND at > now() - make_interval(mins => $2)`,
    [name, NAME_WINDOW_MINUTES],
  );
  const { n = 0, left_s: leftSeconds = 0 } = everywhere.rows[0] ?? {};
  if (n < NAME_FAILURES || (userId !== null && (await signedInFrom(client, userId, from.address)))) return 0;
  return Math.max(1, Math.ceil(leftSeconds));
}

/** Whether the user has ever signed in from this address (the audit keeps every sign-in; read only under attack). */
async function signedInFrom(client: Client, userId: string, address: string): Promise<boolean> {
  const row = await client.query("SELECT 1 FROM audit WHERE action = 'user.login' AND subject = $1 AND detail->>'address' = $2 LIMIT 1", [userId, address]);
  return (row.rowCount ?? 0) > 0;
}

/**
 * When the lock set by these wrong passwords (epoch ms, oldest first) ends, as the counter's PIN pad counts them: each
 * finds the count faded by the quiet before it (one per 15 minutes) and sets a lock by the count it makes; 0 if none.
 */
export function lockEndsAt(failureTimes: readonly number[]): number {
  let count = 0;
  let last: number | null = null;
  for (const at of failureTimes) {
    count = failuresAfterQuiet(count, last === null ? 0 : at - last) + 1;
    last = at;
  }
  return last === null ? 0 : last + lockoutAfter(count);
}

/** `name` as the hub spells the user's, or as typed for a name nobody has; either way counted whatever its case. */
async function recordFailure(client: Client, userId: string | null, name: string, from: Origin): Promise<void> {
  await client.query('INSERT INTO login_failures (address, name) VALUES ($1, $2)', [from.block, name]);
  await client.query("DELETE FROM login_failures WHERE at < now() - interval '1 day'");
  await recordAudit(client, `user:${name}`, 'user.login-failed', userId, { address: from.address });
}

export async function sessionUser(pool: Pool, token: string | undefined): Promise<SignedIn> {
  if (!token) throw saidRefusal('UNAUTHENTICATED', 'headOffice.signInFirst');
  const row = await pool.query<{ user_id: string; name: string; role: Role; outlet_id: string | null; outlet: string | null; csrf_token: string }>(
    `SELECT s.user_id, u.name, u.role, u.outlet_id, o.name AS outlet, s.csrf_token
     FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN outlets o ON o.id = u.outlet_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [sha256(token)],
  );
  const session = row.rows[0];
  if (!session) throw saidRefusal('UNAUTHENTICATED', 'headOffice.signInEnded');
  return { userId: session.user_id, name: session.name, role: session.role, outletId: session.outlet_id, outlet: session.outlet, csrfToken: session.csrf_token };
}

export async function logOut(pool: Pool, token: string): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
}
