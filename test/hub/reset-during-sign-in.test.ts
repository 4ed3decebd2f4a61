// A new password, or a user removed, while a sign-in of that user is past its password check but has not yet made its
// session: that session must end with the others. Someone who has seen the password signs in again and again, so one
// sign-in is always in that gap when head office resets it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../../hub/people.ts';
import { addUser, removeUser, setPassword } from '../../hub/users.ts';
import { holdAfter } from '../fixtures/held-statement.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const OLD_PASSWORD = 'seen over a shoulder';
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
});
afterAll(async () => rig?.close());

/** Until `work` has ended or waits on an advisory lock in this database, whichever comes first. */
async function endedOrWaiting(work: Promise<unknown>): Promise<void> {
  let ended = false;
  const end = () => {
    ended = true;
  };
  void work.then(end, end);
  for (let tries = 0; tries < 400; tries += 1) {
    const waiting = await rig.pool.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'");
    if (ended || waiting.rowCount === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('The change neither ended nor waited for the sign-in.');
}

async function meWith(token: string): Promise<number> {
  return (await fetch(`${rig.hub.url}/api/hub/v1/me`, { headers: { cookie: `kaunter_hub_session=${token}` } })).status;
}

/**
 * Signs `name` in with the old password, stops it after its password matched (as it clears the name's failures, just
 * before the session is written), runs `change` meanwhile, and lets the sign-in go on once the change has ended or
 * waits for it. Answers the signed-in token.
 */
async function changeDuringSignIn(name: string, change: () => Promise<unknown>): Promise<string> {
  const held = holdAfter(rig.pool, /^DELETE FROM login_failures WHERE lower\(name\) = lower\(\$1\) AND address = \$2$/);
  const signedIn = logIn(held.pool, name, OLD_PASSWORD, '127.0.0.1');
  // A failed sign-in is reported by the await at the end, once the change has run.
  void signedIn.catch(() => {});
  await Promise.race([held.reached, signedIn]);
  const changed = change();
  await endedOrWaiting(changed);
  held.letGo();
  await changed;
  return (await signedIn).token;
}

describe('a sign-in under way when its user changes', () => {
  it('a new password ends the session that sign-in makes', async () => {
    await addUser(rig.pool, { name: 'Reset', role: 'head-office', password: OLD_PASSWORD }, 'test');
    const token = await changeDuringSignIn('Reset', () => setPassword(rig.pool, 'Reset', 'a brand new password', 'test'));
    expect(await meWith(token)).toBe(401);
    const left = await rig.pool.query("SELECT COUNT(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.name = 'Reset'");
    expect(left.rows[0]).toEqual({ n: 0 });
  });

  it('removing the user ends that session too, and the sign-in is not cut short by an error', async () => {
    await addUser(rig.pool, { name: 'Leaver', role: 'head-office', password: OLD_PASSWORD }, 'test');
    const token = await changeDuringSignIn('Leaver', () => removeUser(rig.pool, 'Leaver', 'test'));
    expect(await meWith(token)).toBe(401);
  });
});
