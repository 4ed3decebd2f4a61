// Kaunter's log: one line per thing worth knowing, to stderr and to kaunter.log in the data folder. Lines are written
// by our own code from our own messages; secrets are never part of them (a test reads the log to make sure).
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../app/private-files.ts';

export function fileLogger(dataDir: string): (line: string) => void {
  makePrivateFolder(dataDir);
  const path = join(dataDir, 'kaunter.log');
  return (line: string) => {
    const stamped = `${new Date().toISOString()} ${line}`;
    console.error(stamped);
    try {
      appendFileSync(path, `${stamped}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      // A log that cannot be written must not stop the counter.
    }
  };
}
