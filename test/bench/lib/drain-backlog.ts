// The drain load's backlog: a data folder whose database holds the queued awards, made by the benchmark's own process
// so that the host's process (host-loads.ts) does not load the database code, which the real host never holds.
import { mkdirSync } from 'node:fs';
import { databasePath } from '../../../app/paths.ts';
import type { SandboxMemberSeed } from '../../../app/sandbox/index.ts';
import { openDatabase } from '../../../app/store/database.ts';
import { queueAwards } from './queue-awards.ts';

/** Queues `count` awards for these members in `dir`'s sandbox database; returns `dir`. */
export function drainBacklog(dir: string, count: number, members: readonly SandboxMemberSeed[]): string {
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(databasePath(dir, 'sandbox'));
  queueAwards(db, 'T1', count, members);
  db.close();
  return dir;
}
