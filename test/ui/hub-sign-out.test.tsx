// Head office's "Sign out" in the browser, against a real hub (`kaunter hub serve`) on loopback and its PostgreSQL: the
// page forgets the user only once the hub has ended the session (or said it had ended already). When the hub cannot end
// it (503: its database failing over), the cookie still signs this browser in, so the page stays signed in and says so,
// rather than showing the next person at a shared PC a sign-in form over a live session.
// And a second session cookie beside the hub's, which a hub over plain HTTP cannot keep out (another site or page set
// it): the hub deletes it where it can, and the page says why it is signed out instead of silently asking again.
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
const TWO_COOKIES = /^You were signed out: this browser sent the hub two sign-in cookies/;
let postgres: TestPostgres | undefined;
let pool: Pool;
let stopHub = () => Promise.resolve();
/** The page's requests to the hub not yet answered. */
let unanswered = 0;

// Every wait here is for a condition and ends the moment it holds, so a generous limit costs nothing when things go
// well; it is only how long a loaded machine (CI runs the whole suite on 2 cores) may take before the test fails. The
// slowest wait is the first sign-in: head office's screens load as their own chunk, which here means transforming them.
const WAIT_LIMIT_MS = 60_000;
configure({ asyncUtilTimeout: WAIT_LIMIT_MS });
/** A test waits several times; each wait fails on its own limit first, with a clearer message than a test timeout. */
const TEST_LIMIT = { timeout: 4 * WAIT_LIMIT_MS };

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
}, WAIT_LIMIT_MS);

beforeEach(() => {
  void initI18n('en').changeLanguage('en');
  useManagerStore.setState(initialManager);
  useStatusStore.setState(initialStatus);
});
afterEach(() => {
  cleanup();
  delete window.kaunter;
});

/** A fresh page, as the hub serves it, showing its sign-in form. */
function freshPage(): void {
  const session = new HubSession();
  window.kaunter = session.api();
  render(<HubApp session={session} onSignedIn={() => loadSettings(session)} />);
}

/** Fills in the sign-in form as Boss and presses Sign in. */
async function signInAsBoss(): Promise<void> {
  fireEvent.change(await screen.findByTestId('hub-name'), { target: { value: 'Boss' } });
  fireEvent.change(screen.getByTestId('hub-password'), { target: { value: PASSWORD } });
  fireEvent.click(screen.getByTestId('hub-sign-in'));
}

/** Signs Boss in on a fresh page, as the hub serves it. */
async function signedInPage(): Promise<void> {
  freshPage();
  await signInAsBoss();
  await screen.findByTestId('history-totals');
  await settled();
}

/**
 * A session cookie of this hub's name set beside its own at `path`, as another page on this host's name could over
 * plain HTTP (a sibling subdomain's Domain= cookie behaves alike; this page's address is an IP, which has none).
 */
function plantSessionCookie(path: string): void {
  document.cookie = `kaunter_hub_session=planted; Path=${path}`;
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

describe('signing out of head office', TEST_LIMIT, () => {
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

describe('a second session cookie beside the hub\'s', TEST_LIMIT, () => {
  it('one sent with the sign-in is deleted by its reply: signing in works at once', async () => {
    plantSessionCookie('/api/hub/v1');
    await signedInPage();
    expect(screen.queryByText(TWO_COOKIES)).toBeNull();
    expect(await afterReload()).toBe('Boss');
  });

  it('one the sign-in does not carry: the page says why it is signed out, with no cookie left that signs in, and signing in again works', async () => {
    // Sent only to /api/hub/v1/totals: the first of the page's reads after signing in (its cashiers) carries two.
    plantSessionCookie('/api/hub/v1/totals');
    freshPage();
    await signInAsBoss();
    await screen.findByText(TWO_COOKIES);
    expect(screen.getByTestId('hub-sign-in')).toBeTruthy();
    await settled();
    // The refusal deleted both, the hub's own too: nothing signs this browser in behind the sign-in form.
    expect(await afterReload()).toBeNull();

    await signInAsBoss();
    await screen.findByTestId('history-totals');
    await settled();
    expect(await afterReload()).toBe('Boss');
  });
});
