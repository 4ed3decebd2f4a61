// Run by keychain-scenarios.test.ts inside a prepared environment (no D-Bus, no Secret Service, a locked keyring...):
// performs the steps named on the command line with the real keytar and prints one JSON line per step. The secret comes
// from KAUNTER_TEST_SECRET and is never printed: a found value is reported only as matching or not.
import { createKeychain } from '../../main/keychain/keytar-store.ts';
import { isSecretName, type SecretRead } from '../../app/secrets.ts';

const secret = process.env.KAUNTER_TEST_SECRET ?? '';
const store = createKeychain({ environment: 'training', timeoutMs: 20_000 });

function describeRead(read: SecretRead): unknown {
  return read.state === 'found' ? { state: 'found', matches: read.value === secret } : read;
}

async function step(command: string): Promise<unknown> {
  const [verb, name = '', flag] = command.split(':');
  if (verb === 'status') return store.status();
  if (!isSecretName(name)) return { refused: `unknown secret ${name}` };
  if (verb === 'set') return store.set(name, secret);
  if (verb === 'get') return describeRead(await store.get(name, { configured: flag === 'configured' }));
  if (verb === 'delete') return store.delete(name);
  return { refused: `unknown step ${command}` };
}

for (const command of process.argv.slice(2)) {
  const outcome = await step(command);
  const error = (outcome as { error?: { code?: string; message?: string; detail?: string | null } }).error;
  console.log(JSON.stringify({ step: command, outcome, code: error?.code, message: error?.message, detail: error?.detail }));
}
