// Head office's "Sign out" in the browser, against a real hub (`kaunter hub serve`) on loopback and its PostgreSQL: the
// page forgets the user only once the hub has ended the session (or said it had ended already). When the hub cannot end
// it (503: its database failing over), the cookie still signs this browser in, so the page stays signed in and says so,
// rather than showing the next person at a shared PC a sign-in form over a live session.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPool, type Pool } from '../../hub/db/pool.ts';
import { HubApp } from '../../renderer/hub/HubApp.tsx';
import { HubSession } from '../../renderer/hub/hub-api.ts';
import { initI18n } from '../../renderer/i18n/i18n.ts';
import { initialManager, useManagerStore } from '../../renderer/stores/manager-store.ts';
import { initialStatus, useStatusStore } from '../../renderer/stores/status-store.ts';
import { createTestDatabase, startEmbeddedPostgres, type TestPostgres } from '../fixtures/postgres.ts';

// From the file's own path: happy-dom's URL resolves a relative URL against its page, not against a file: URL.
const KAUNTER = resolve(dirname(fileURLToPath(import.meta.url)), '../../app/kaunter.mjs');
const PASSWORD = 'correct horse battery';
const FAILED = 'Signing out did not work: you are still signed in. Try Sign out again in a moment, and do not leave this PC until it works.';
let postgres: TestPostgres | undefined;
let pool: Pool;
let stopHub = () => Promise.resolve();
/** The page's requests to the hub not yet answered. */
let unanswered = 0;

// Head office's screens load as their own chunk after sign-in, which the first time here means transforming them.
configure({ asyncUtilTimeout: 5_000 });

/** `kaunter ARGS` run to its end, `input` on its standard input; refuses unless it succeeded. */
function kaunter(args: string[], input = ''): Promise<void> {
  const child = spawn(process.execPath, [KAUNTER, ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
  child.stdin.end(input);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => child.on('close', (code) => (code === 0 ? done() : fail(new Error(`kaunter ${args.join(' ')}: ${stderr}`)))));
}

/** `kaunter hub serve` in its own process (the hub's code runs under Node, not this page's happy-dom); answers its URL. */
function serveHub(database: string): Promise<string> {
  const child = spawn(process.execPath, [KAUNTER, 'hub', 'serve', '--database', database, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // What it logs (the failing-over sign-out among it) is told only if it stops before it listens.
  let logged = '';
  child.stderr.on('data', (chunk: Buffer) => (logged += chunk.toString()));
  const exited = new Promise((ended) => child.once('exit', ended));
  stopHub = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((listening, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^listening (\S+)\n/.exec(out)?.[1];
      if (url) listening(url);
    });
    child.on('close', (code) => fail(new Error(`the hub exited with ${code}: ${out}${logged}`)));
  });
}

beforeAll(async () => {
  const adminUrl = process.env.KAUNTER_TEST_DATABASE_URL ?? (postgres = await startEmbeddedPostgres()).url;
  const database = await createTestDatabase(adminUrl);
  pool = openPool(database);
  await kaunter(['hub', 'migrate', '--database', database]);
  await kaunter(['hub', 'user', 'add', '--database', database, '--name', 'Boss', '--role', 'head-office'], PASSWORD);
  // The page as the hub serves it: its relative /api/hub/v1 calls, and its cookie, go to this hub.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${await serveHub(database)}/`);
  const pageFetch = globalThis.fetch;
  globalThis.fetch = (...request) => {
    unanswered += 1;
    return pageFetch(...request).finally(() => (unanswered -= 1));
  };
}, 120_000);
afterAll(async () => {
  await stopHub();
  await pool?.end();
  await postgres?.stop();
});

beforeEach(() => {
  void initI18n('en').changeLanguage('en');
  useManagerStore.setState(initialManager);
  useStatusStore.setState(initialStatus);
});
afterEach(() => {
  cleanup();
  delete window.kaunter;
});

/** Signs Boss in on a fresh page, as the hub serves it. */
async function signedInPage(): Promise<void> {
  const session = new HubSession();
  window.kaunter = session.api();
  render(<HubApp session={session} onSignedIn={() => loadSettings(session)} />);
  fireEvent.change(await screen.findByTestId('hub-name'), { target: { value: 'Boss' } });
  fireEvent.change(screen.getByTestId('hub-password'), { target: { value: PASSWORD } });
  fireEvent.click(screen.getByTestId('hub-sign-in'));
  await screen.findByTestId('history-totals');
  await settled();
}

/**
 * Until the page has its answers to everything it asked the hub: a session ended meanwhile would otherwise turn one of
 * its first reads into a 401, which signs the page out before Sign out is pressed.
 */
async function settled(): Promise<void> {
  await waitFor(() => expect(unanswered).toBe(0));
}

/** As the hub's page does once signed in (hub-main.tsx): the history filter's cashiers come from these settings. */
async function loadSettings(session: HubSession): Promise<void> {
  const settings = await session.api().settings.get({});
  if (settings.ok) useStatusStore.getState().setSettings(settings.value);
}

/** Who a reload of the page in this browser (its cookie) would find signed in. */
async function afterReload(): Promise<string | null> {
  return (await new HubSession().resume())?.name ?? null;
}

/** Runs `work` while the hub's database refuses to end any session, as the hub answers during a failover: 503. */
async function whileSessionsCannotEnd(work: () => Promise<void>): Promise<void> {
  await pool.query(`CREATE FUNCTION failing_over() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'failing over'; END $$`);
  await pool.query('CREATE TRIGGER failing_over BEFORE DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION failing_over()');
  try {
    await work();
  } finally {
    await pool.query('DROP TRIGGER failing_over ON sessions');
    await pool.query('DROP FUNCTION failing_over()');
  }
}

describe('signing out of head office', () => {
  it('a sign-out the hub could not carry out (503) keeps the page signed in and says so; trying again signs out', async () => {
    await signedInPage();
    await whileSessionsCannotEnd(async () => {
      fireEvent.click(screen.getByTestId('hub-sign-out'));
      await screen.findByText(FAILED);
    });
    expect(screen.getByTestId('hub-user').textContent).toBe('Boss (head office)');
    expect(screen.queryByTestId('hub-sign-in')).toBeNull();
    expect(await afterReload()).toBe('Boss');

    fireEvent.click(screen.getByTestId('hub-sign-out'));
    await screen.findByTestId('hub-sign-in');
    expect(screen.queryByText(FAILED)).toBeNull();
    expect(await afterReload()).toBeNull();
    await settled();
  });

  it('a session that had already ended (401) signs the page out', async () => {
    await signedInPage();
    await pool.query('DELETE FROM sessions');
    fireEvent.click(screen.getByTestId('hub-sign-out'));
    await screen.findByTestId('hub-sign-in');
    expect(screen.queryByText(FAILED)).toBeNull();
    await settled();
  });
});
