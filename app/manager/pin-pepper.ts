// The PIN's pepper: 32 random bytes in the OS keychain ("Kaunter (terminal)", account pinPepper), reached only through
// CorePorts.secrets('terminal'). It is made when a PIN is first set; without a keychain no PIN can be set, as no
// secret is ever kept anywhere else.
import { randomBytes } from 'node:crypto';
import { Refusal } from '../core/failure.ts';
import type { SecretStore } from '../secrets.ts';

const PEPPER_BYTES = 32;

/** The pepper a peppered PIN hash was made with. A missing or unreadable pepper is a refusal that names the way out. */
export async function storedPepper(store: SecretStore): Promise<Buffer> {
  const read = await store.get('pinPepper', { configured: true });
  if (read.state === 'found') return Buffer.from(read.value, 'base64');
  if (read.state === 'unavailable') throw Refusal.keychain(read.error);
  throw Refusal.say('KEYCHAIN', 'manager.pepperGone');
}

/** The pepper for a new PIN hash: the one in the keychain, or a new one stored there first. */
export async function pepperForNewPin(store: SecretStore): Promise<Buffer> {
  const read = await store.get('pinPepper');
  if (read.state === 'found') return Buffer.from(read.value, 'base64');
  if (read.state === 'unavailable') throw Refusal.keychain(read.error);
  const pepper = randomBytes(PEPPER_BYTES);
  const written = await store.set('pinPepper', pepper.toString('base64'));
  if (!written.ok) throw Refusal.keychain(written.error);
  return pepper;
}
