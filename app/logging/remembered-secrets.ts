// A keychain whose every secret, once read or written, is known to the log's redactor: a value that slips into a
// message by any path is replaced before the line is written.
import { holdsSecret, type SecretStore } from '../secrets.ts';
import type { Redactor } from './redact.ts';

export function rememberingSecrets(store: SecretStore, redactor: Redactor): SecretStore {
  return {
    service: store.service,
    async get(name, options) {
      const read = await store.get(name, options);
      if (read.state === 'found' && holdsSecret(name)) redactor.add(read.value);
      return read;
    },
    set(name, value) {
      if (holdsSecret(name)) redactor.add(value);
      return store.set(name, value);
    },
    delete: (name) => store.delete(name),
    status: () => store.status(),
  };
}
