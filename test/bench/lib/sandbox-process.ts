// The sandbox as its own process (`kaunter sandbox`), so on a 2-core machine the server verifies signatures on one core
// while the client under measurement signs on the other, and the server's work and garbage never pause the client's
// event loop: the way a real RM server sits apart from the counter.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LedgerEntry, SandboxMemberSeed } from '../../../app/sandbox/index.ts';

const KAUNTER = new URL('../../../app/kaunter.mjs', import.meta.url).pathname;
const START_TIMEOUT_MS = 20_000;

export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  publicKeyPem: string;
}

export interface SandboxProcess {
  url: string;
  ledger(): Promise<LedgerEntry[]>;
  stop(): Promise<void>;
}

/** Starts `kaunter sandbox` with this app and these members; its request log goes to `<dir>/<label>.log`. */
export async function startSandboxProcess(dir: string, label: string, app: SandboxApp, members: readonly SandboxMemberSeed[]): Promise<SandboxProcess> {
  const keyFile = join(dir, `${label}-public.pem`);
  const membersFile = join(dir, `${label}-members.json`);
  const logFile = join(dir, `${label}.log`);
  writeFileSync(keyFile, app.publicKeyPem);
  writeFileSync(membersFile, JSON.stringify(members));
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [KAUNTER, 'sandbox', '--client-id', app.clientId, '--client-secret', app.clientSecret, '--public-key', keyFile, '--members', membersFile],
    { stdio: ['ignore', 'pipe', log] },
  );
  closeSync(log);
  const stopOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', stopOnExit);
  try {
    const url = await firstLine(child, logFile);
    return {
      url,
      ledger: () => getLedger(url),
      stop: async () => {
        process.off('exit', stopOnExit);
        await stopChild(child);
      },
    };
  } catch (error) {
    process.off('exit', stopOnExit);
    child.kill('SIGKILL');
    throw error;
  }
}

function firstLine(child: ChildProcess, logFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const settle = (): void => {
      clearTimeout(timer);
      child.off('exit', onExit);
    };
    const fail = (why: string): void => {
      settle();
      lines.close();
      reject(new Error(`The sandbox process ${why}. Its log (${logFile}):\n${readFileSync(logFile, 'utf8').slice(-2_000)}`));
    };
    const onExit = (code: number | null): void => fail(`exited with code ${code} before listening`);
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('exit', onExit);
    lines.once('line', (line) => {
      const match = /^listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (!match?.[1]) {
        fail(`printed "${line}" instead of "listening http://127.0.0.1:PORT"`);
        return;
      }
      settle();
      // Keep reading stdout so the child never blocks on a full pipe.
      lines.on('line', () => undefined);
      resolve(match[1]);
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function getLedger(url: string): Promise<LedgerEntry[]> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/sandbox/ledger`, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items: LedgerEntry[] }).items);
        } catch (error) {
          reject(new Error(`The sandbox ledger was not JSON (HTTP ${res.statusCode}): ${String(error)}`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
