// The keychain against real Linux situations, each in a child process with its own private D-Bus session (or none):
// no session bus, a bus with no Secret Service, a keyring with no login collection, a locked keyring, and a working one.
// The real keytar and libsecret answer; the child's whole output is checked for the secret.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SECRET = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAz7kaunterTESTsecretLINE1x\nQ9Hc4fG8jK2lM5nP7rS1tV3wX6yZ0aB4dE\n-----END RSA PRIVATE KEY-----';
const CHILD = join(import.meta.dirname, 'keychain-child.ts');
const KEYRING_PASSWORD = 'scenario-keyring-password';

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

const notLinux = process.platform !== 'linux';
const missingTools = ['dbus-run-session', 'gnome-keyring-daemon', 'dbus-send'].filter((tool) => !hasCommand(tool));
if (notLinux) console.log('Skipping the Secret Service scenarios: they are about Linux (this is ' + process.platform + ')');
else if (missingTools.length > 0) {
  console.log(`Skipping the private-D-Bus keychain scenarios: ${missingTools.join(', ')} not installed (apt-get install dbus dbus-x11 gnome-keyring)`);
}

/** A session bus that activates nothing: a Secret Service exists only if a scenario starts one itself. */
const BARE_BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

interface StepResult {
  step: string;
  outcome: Record<string, unknown>;
  code?: string;
  message?: string;
  detail?: string | null;
}

let scratch = '';
let busConfig = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'kaunter-keychain-scenarios-'));
  busConfig = join(scratch, 'bare-bus.conf');
  writeFileSync(busConfig, BARE_BUS_CONFIG);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A throwaway HOME and XDG folders, so nothing touches the real user's keyring; no display, no inherited bus. */
function isolatedEnv(name: string): NodeJS.ProcessEnv {
  const home = join(scratch, name);
  const runtime = join(home, 'run');
  mkdirSync(runtime, { recursive: true });
  chmodSync(runtime, 0o700);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_RUNTIME_DIR: runtime,
    KAUNTER_TEST_SECRET: SECRET,
  };
  for (const inherited of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL']) delete env[inherited];
  return env;
}

const childCommand = (steps: string[]): string => [process.execPath, CHILD, ...steps].map((part) => `'${part}'`).join(' ');

function run(name: string, script: string): { steps: StepResult[]; output: string } {
  const result = spawnSync('sh', ['-c', script], { env: isolatedEnv(name), encoding: 'utf8', timeout: 60_000, cwd: process.cwd() });
  const output = `${result.stdout}\n${result.stderr}`;
  const steps = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as StepResult);
  return { steps, output };
}

/**
 * gnome-keyring-daemon can return before it owns its name on the bus: on a loaded machine the child then found no
 * Secret Service at all. Wait (up to 30 s) until the name has an owner.
 */
const SECRET_SERVICE_UP =
  'for i in $(seq 300); do dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus ' +
  'org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break; sleep 0.1; done; ';

function inBareBus(commands: string): string {
  return `dbus-run-session --config-file='${busConfig}' -- sh -c '${commands.replaceAll("'", `'"'"'`)}'`;
}

function expectNoSecretIn(output: string): void {
  expect(output).not.toContain(SECRET);
  for (const line of SECRET.split('\n')) expect(output).not.toContain(line);
}

function expectRefusedEverywhere(steps: StepResult[], code: string): void {
  expect(steps.map((s) => s.step)).toEqual(['status', 'set:privateKey', 'get:privateKey:configured']);
  for (const step of steps) expect(step.code, step.step).toBe(code);
  expect(steps[1]?.outcome.ok).toBe(false);
  expect(steps[2]?.outcome.state).toBe('unavailable');
}

const REFUSAL_STEPS = ['status', 'set:privateKey', 'get:privateKey:configured'];

describe.skipIf(notLinux)('Linux with no D-Bus session', () => {
  it('refuses to store, says how to fix it, and writes the secret nowhere', () => {
    const { steps, output } = run('no-bus', childCommand(REFUSAL_STEPS));
    expectRefusedEverywhere(steps, 'no-session-bus');
    expect(steps[1]?.message).toMatch(/Log in to a desktop session/);
    expectNoSecretIn(output);
  });
});

describe.skipIf(notLinux || missingTools.length > 0)('Linux keyrings in a private D-Bus session', () => {
  it('a bus with no Secret Service: refuses, and names gnome-keyring and KWallet', () => {
    const { steps, output } = run('no-provider', inBareBus(childCommand(REFUSAL_STEPS)));
    expectRefusedEverywhere(steps, 'no-secret-service');
    expect(steps[1]?.message).toMatch(/gnome-keyring.*KWallet/);
    expectNoSecretIn(output);
  });

  it('a Secret Service with no login keyring (and no prompt): refuses with the Seahorse fix', () => {
    const script = inBareBus(`gnome-keyring-daemon --start --components=secrets >/dev/null; ${SECRET_SERVICE_UP}${childCommand(['set:privateKey', 'status'])}`);
    const { steps, output } = run('no-login', script);
    expect(steps.map((s) => [s.step, s.code])).toEqual([
      ['set:privateKey', 'no-default-keyring'],
      ['status', 'no-default-keyring'],
    ]);
    expect(steps[0]?.message).toMatch(/Passwords and Keys/);
    expectNoSecretIn(output);
  });

  it('a locked keyring: the stored key reads as "keyring locked", never as "re-provision"', () => {
    const lock =
      'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets ' +
      'org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null';
    const script = inBareBus(
      `echo -n ${KEYRING_PASSWORD} | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${SECRET_SERVICE_UP}` +
        `${childCommand(['set:privateKey', 'get:privateKey'])}; ${lock}; ` +
        childCommand(['get:privateKey:configured', 'set:clientSecret', 'status']),
    );
    const { steps, output } = run('locked', script);
    expect(steps.map((s) => s.step)).toEqual(['set:privateKey', 'get:privateKey', 'get:privateKey:configured', 'set:clientSecret', 'status']);
    expect(steps[0]?.outcome).toEqual({ ok: true });
    expect(steps[1]?.outcome).toEqual({ state: 'found', matches: true });
    expect(steps[2]?.outcome.state).toBe('unavailable');
    expect(steps.slice(2).map((s) => s.code)).toEqual(['keyring-locked', 'keyring-locked', 'keyring-locked']);
    expect(steps[3]?.message).toMatch(/Unlock the "login" keyring/);
    expectNoSecretIn(output);
  });

  it('an unlocked keyring: stores, reads, survives a restart of Kaunter, and re-provisions when the entry is gone', () => {
    const script = inBareBus(
      `echo -n ${KEYRING_PASSWORD} | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${SECRET_SERVICE_UP}` +
        `${childCommand(['status', 'set:privateKey'])}; ` +
        `${childCommand(['get:privateKey:configured', 'delete:privateKey', 'get:privateKey:configured', 'get:privateKey'])}`,
    );
    const { steps, output } = run('unlocked', script);
    expect(steps.map((s) => [s.step, s.outcome])).toEqual([
      ['status', { state: 'ready', backend: 'Secret Service' }],
      ['set:privateKey', { ok: true }],
      ['get:privateKey:configured', { state: 'found', matches: true }],
      ['delete:privateKey', { ok: true, existed: true }],
      ['get:privateKey:configured', expect.objectContaining({ state: 'needs-reprovisioning', reason: 'entry-missing' })],
      ['get:privateKey', { state: 'absent' }],
    ]);
    expectNoSecretIn(output);
  });
});
