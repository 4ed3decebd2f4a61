// The RM-compatible sandbox: "Revenue Monster as seen from outside", a real HTTP server on 127.0.0.1 that Kaunter's
// client, its tests, trainers and integrators point any RM client at. Training mode embeds it.
import type { SandboxApp } from './apps.ts';
import { SandboxOptionsError } from './errors.ts';
import { parseFault, type FaultSpec } from './faults.ts';
import type { LedgerEntry } from './ledger.ts';
import { Listener } from './listener.ts';
import type { SandboxMember } from './members.ts';
import { resolveOptions, type SandboxOptions } from './options.ts';
import { buildRoutes } from './route-table.ts';
import { createRequestHandler } from './server.ts';
import { restorePersisted, startPersisting } from './persistence.ts';
import { createState } from './state.ts';

export type { SandboxApp } from './apps.ts';
export type { SandboxMemberSeed } from './member-seeds.ts';
export type { SandboxOptions } from './options.ts';
export type { LedgerEntry, AwardType } from './ledger.ts';
export type { SandboxMember, MemberHistoryEntry } from './members.ts';
export type { FaultSpec, FaultTarget } from './faults.ts';
export { SandboxOptionsError } from './errors.ts';
export { MemberSeedError, loadMembersFile } from './member-seeds.ts';
export { DEMO_MEMBERS } from './seed.ts';

export interface RunningSandbox {
  /** 'http://127.0.0.1:PORT' (OAuth and Open API on the same origin). */
  url: string;
  port: number;
  ledger(): LedgerEntry[];
  /** Includes the current point balance and history. */
  member(memberId: string): SandboxMember | undefined;
  /** Works even when options.faults is false (in-process tests). Throws SandboxOptionsError for a bad fault. */
  setFault(fault: FaultSpec | null): void;
  /** Stop listening (ECONNREFUSED) / listen again on the SAME port. */
  refuseConnections(refuse: boolean): Promise<void>;
  /** The sandbox's clock runs this far off ("wrong clock"). */
  setClockSkewSeconds(seconds: number): void;
  registerApp(app: SandboxApp): void;
  close(): Promise<void>;
}

/** The port asked for; else the saved one if it is still free (claim links shown before a restart keep working); else any. */
async function listenPreferring(listener: Listener, asked: number, saved: number | null, log: (line: string) => void): Promise<number> {
  if (asked !== 0 || saved === null) return listener.listen(asked);
  try {
    return await listener.listen(saved);
  } catch (error) {
    if (!(error instanceof SandboxOptionsError)) throw error;
    log(`port ${saved} is taken now, so the sandbox listens on another; claim QRs shown before cannot be opened`);
    return listener.listen(0);
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const resolved = resolveOptions(options);
  let url = '';
  const listener = new Listener((req, res) => handle(req, res), resolved.log);
  const state = createState(resolved, () => url, (ms) => listener.refuseFor(ms));
  const handle = createRequestHandler({
    state,
    routes: buildRoutes(resolved.faults),
    timers: listener.timers,
    baseUrl: () => url,
  });
  const savedPort = resolved.stateFile ? restorePersisted(resolved.stateFile, state, resolved.log) : null;
  const port = await listenPreferring(listener, resolved.port, savedPort, resolved.log);
  url = `http://127.0.0.1:${port}`;
  const stateFile = resolved.stateFile;
  const journal = stateFile ? await persistingOrClosed(() => startPersisting(stateFile, state, port, resolved.log), listener) : null;
  if (journal) state.changed = () => journal.changed();
  return {
    url,
    port,
    ledger: () => state.loyalty.ledger.list(),
    member: (memberId) => state.loyalty.members.byId(memberId),
    setFault: (fault) => {
      const parsed = fault === null ? null : parseFault(fault);
      if (parsed?.mode === 'refuse') {
        state.faults.set(null);
        listener.refuseFor(parsed.durationMs);
      } else {
        state.faults.set(parsed);
      }
    },
    refuseConnections: (refuse) => (refuse ? listener.refuse() : listener.resume()),
    setClockSkewSeconds: (seconds) => state.clock.setSkewSeconds(seconds),
    registerApp: (app) => state.apps.register(app),
    close: async () => {
      await listener.close();
      await journal?.flush();
    },
  };
}

/** A state file that cannot be written (a full disk) ends the start: the port it listens on is given back, not leaked. */
async function persistingOrClosed<T>(start: () => T, listener: { close(): Promise<void> }): Promise<T> {
  try {
    return start();
  } catch (error) {
    await listener.close();
    throw error;
  }
}
