// Kaunter's log: one line per thing worth knowing, to stderr and to kaunter.log in the data folder. Lines are written
// by our own code from our own messages; secrets are never part of them (a test reads the log to make sure).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function fileLogger(dataDir: string): (line: string) => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'kaunter.log');
  return (line: string) => {
    const stamped = `${new Date().toISOString()} ${line}`;
    console.error(stamped);
    try {
      appendFileSync(path, `${stamped}\n`);
    } catch {
      // A log that cannot be written must not stop the counter.
    }
  };
}
