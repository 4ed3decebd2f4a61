// Hub users: head office (every outlet) or an outlet manager (one outlet). Passwords are kept as slow salted scrypt
// hashes, the same derivation as the counter's manager PIN.
import { z } from 'zod';
import { hashPassword } from '../app/manager/pin.ts';
import { inTransaction, type Client, type Pool } from './db/pool.ts';
import { HubError, parseWith } from './errors.ts';
import { holdSignIns } from './people.ts';
import { recordAudit } from './audit.ts';
import { idNamed, sameName } from './names.ts';
import { outletNamed, placeNameSchema } from './terminals.ts';

export const ROLES = ['head-office', 'outlet-manager'] as const;
export type Role = (typeof ROLES)[number];

export const passwordSchema = z
  .string()
  .min(10, 'A password needs at least 10 characters.')
  .max(200, 'A password is at most 200 characters.');

export interface NewUser {
  name: string;
  role: Role;
  outlet?: string;
  password: string;
}

/** Adds a user; `outlet` is the outlet manager's outlet as the hub spells it (whatever the case it was typed in). */
export async function addUser(pool: Pool, user: NewUser, actor: string): Promise<{ id: string; outlet: string | null }> {
  const name = parseWith(placeNameSchema, user.name);
  const password = parseWith(passwordSchema, user.password);
  if (user.role === 'outlet-manager' && !user.outlet) throw new HubError('BAD_REQUEST', 'An outlet manager needs --outlet NAME.');
  if (user.role === 'head-office' && user.outlet) throw new HubError('BAD_REQUEST', 'Head office sees every outlet: leave out --outlet.');
  const hash = JSON.stringify(await hashPassword(password));
  return inTransaction(pool, async (client) => {
    // One new user at a time, so two at once cannot both find "lim ah kow" free (the table's UNIQUE is exact, not
    // ignoring case).
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('kaunter:user-names'))`);
    const taken = await client.query<{ name: string }>(`SELECT name FROM users WHERE id = ${idNamed('users', '$1')}`, [name]);
    const same = taken.rows[0]?.name;
    if (same === name) throw new HubError('CONFLICT', `There is already a user "${name}".`);
    if (same) throw new HubError('CONFLICT', `There is already a user "${same}": names are the same whatever their case, so "${name}" would be a second one. Use "${same}", or choose another name.`);
    const outlet = user.outlet ? await outletNamed(client, user.outlet) : null;
    if (user.outlet && !outlet) throw new HubError('NOT_FOUND', `There is no outlet "${user.outlet}" yet: enrol a terminal there first (\`kaunter hub enrol\`).`);
    const row = await client.query<{ id: string }>('INSERT INTO users (name, role, outlet_id, password_hash) VALUES ($1, $2, $3, $4) RETURNING id', [
      name,
      user.role,
      outlet?.id ?? null,
      hash,
    ]);
    const id = row.rows[0]?.id as string;
    await recordAudit(client, actor, 'user.add', id, { name, role: user.role, outlet: outlet?.name ?? null });
    return { id, outlet: outlet?.name ?? null };
  });
}

/**
 * A user who left: gone with every session, so a page they still have open is signed out at its next request. Answers
 * the name as the hub spells it.
 */
export async function removeUser(pool: Pool, name: string, actor: string): Promise<string> {
  return inTransaction(pool, async (client) => {
    const user = await userToChange(client, name);
    await client.query('DELETE FROM users WHERE id = $1', [user.id]);
    await recordAudit(client, actor, 'user.remove', user.id, { name: user.name });
    return user.name;
  });
}

/**
 * A new password (forgotten, or perhaps seen): every session of the user ends, and a lockout is lifted. Answers the
 * name as the hub spells it.
 */
export async function setPassword(pool: Pool, name: string, newPassword: string, actor: string): Promise<string> {
  const password = parseWith(passwordSchema, newPassword);
  const hash = JSON.stringify(await hashPassword(password));
  return inTransaction(pool, async (client) => {
    const user = await userToChange(client, name);
    // The lockout columns too, for a hub process of the version before still serving beside this one (migration 007).
    await client.query('UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id, hash]);
    await client.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
    // Every case it was typed in: they are all this user's wrong passwords (hub/people.ts counts them so).
    await client.query(`DELETE FROM login_failures WHERE ${sameName('name', '$1')}`, [user.name]);
    await recordAudit(client, actor, 'user.password', user.id, { name: user.name });
    return user.name;
  });
}

/**
 * The user of that name whatever its case, with its sign-ins held (holdSignIns) and its row locked until the change
 * commits; refused when there is none.
 */
async function userToChange(client: Client, typed: string): Promise<{ id: string; name: string }> {
  const name = typed.trim();
  await holdSignIns(client, name);
  const row = await client.query<{ id: string; name: string }>(`SELECT id, name FROM users WHERE id = ${idNamed('users', '$1')} FOR UPDATE`, [name]);
  const user = row.rows[0];
  if (!user) throw new HubError('NOT_FOUND', `There is no user "${name}".`);
  return user;
}
