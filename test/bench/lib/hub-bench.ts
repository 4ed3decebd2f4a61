// What the hub benchmarks share: a real PostgreSQL (fsync on, so figures mean something), fresh migrated databases on
// it, a hub process, and a counter's records read as the batches a pusher would send.
import { join } from 'node:path';
import type { Db } from '../../../app/store/database.ts';
import { linkToHub, recordAck, type HubLink } from '../../../app/store/hub-sync.ts';
import { readBatch } from '../../../app/sync/outgoing.ts';
import type { PushBatch } from '../../../app/sync/wire.ts';
import { migrate } from '../../../hub/db/migrate.ts';
import { openPool, type Pool } from '../../../hub/db/pool.ts';
import { createTestDatabase, startEmbeddedPostgres, type TestPostgres } from '../../fixtures/postgres.ts';

export { startHubProcess } from '../../fixtures/hub-process.ts';

export function startBenchPostgres(): Promise<TestPostgres> {
  return startEmbeddedPostgres({ fsync: true });
}

export async function migratedDatabase(postgres: TestPostgres, name: string): Promise<{ url: string; pool: Pool }> {
  const url = await createTestDatabase(postgres.url, name);
  const pool = openPool(url, 4);
  await migrate(pool);
  return { url, pool };
}

/** Every batch the counter would push, in order (the position is stepped through and then set back). */
export function allBatches(db: Db, link: HubLink): PushBatch[] {
  linkToHub(db, link);
  const batches: PushBatch[] = [];
  for (let batch = readBatch(db); batch; batch = readBatch(db)) {
    batches.push(batch);
    recordAck(db, batch.events.at(-1)?.seq ?? 0);
  }
  linkToHub(db, link);
  return batches;
}

export function benchDbPath(dir: string, name: string): string {
  return join(dir, `${name}.db`);
}
