// The CLI keeps a terminal's hub credential in a file beside its database, readable by its owner only (0600); the
// desktop app keeps it in the OS keychain instead. Written to a temporary file and renamed, so it is never half there.
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const hubCredentialSchema = z.strictObject({
  hub: z.string().url(),
  terminalId: z.uuid(),
  outlet: z.string(),
  terminal: z.string(),
  credential: z.string().min(20),
});
export type HubCredential = z.infer<typeof hubCredentialSchema>;

export function credentialPathFor(dbPath: string): string {
  return `${dbPath}.hub.json`;
}

export function writeCredentialFile(dbPath: string, credential: HubCredential): string {
  const path = credentialPathFor(dbPath);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credential, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

export function readCredentialFile(dbPath: string): HubCredential | null {
  const path = credentialPathFor(dbPath);
  if (!existsSync(path)) return null;
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new Error(`${path} holds this terminal's hub credential but others can read it: run \`chmod 600 ${path}\` (or join again).`);
  }
  const parsed = hubCredentialSchema.safeParse(parseJson(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is damaged: join the hub again with a new code (\`kaunter hub join\`).`);
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
