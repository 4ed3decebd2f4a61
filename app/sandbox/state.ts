// Everything one running sandbox holds, composed in one place so handlers receive exactly the parts they use.
import { AppRegistry } from './apps.ts';
import { ClaimStore } from './claims.ts';
import { SandboxOptionsError } from './errors.ts';
import { FaultController, type RequestFault } from './faults.ts';
import { Ledger } from './ledger.ts';
import type { LoyaltyState } from './loyalty.ts';
import { MemberStore } from './members.ts';
import { NonceBook } from './nonces.ts';
import type { ResolvedOptions } from './options.ts';
import { rmTimestamp } from './time.ts';
import { TokenStore } from './tokens.ts';

export interface SandboxClock {
  /** The sandbox's time in ms for a request, given the fault (if any) that applies to it. */
  nowMs(fault?: RequestFault | null): number;
  setSkewSeconds(seconds: number): void;
}

export interface SandboxState {
  apps: AppRegistry;
  tokens: TokenStore;
  nonces: NonceBook;
  loyalty: LoyaltyState;
  faults: FaultController;
  /** Whether /sandbox/faults is served. */
  faultEndpoints: boolean;
  clock: SandboxClock;
  log: (line: string) => void;
  /** Stop listening now and listen again after `ms` (the 'refuse' fault). */
  refuseFor: (ms: number) => void;
  /** Called after every request that may have changed something (a sandbox with a state file saves it). */
  changed: () => void;
}

export function createState(options: ResolvedOptions, baseUrl: () => string, refuseFor: (ms: number) => void): SandboxState {
  const clock = createClock(options.now);
  const apps = new AppRegistry();
  for (const app of options.apps) apps.register(app);
  return {
    apps,
    tokens: new TokenStore({
      accessSeconds: options.tokenLifetimeSeconds,
      refreshSeconds: options.refreshTokenLifetimeSeconds,
    }),
    nonces: new NonceBook(),
    loyalty: {
      members: new MemberStore(options.members, rmTimestamp(clock.nowMs())),
      ledger: new Ledger(),
      claims: new ClaimStore(),
      settings: {
        pointsPerRinggit: options.pointsPerRinggit,
        spendingRule: options.spendingRule,
        loyaltySubscribed: options.loyaltySubscribed,
      },
      claimUrl: (id) => `${baseUrl()}/claim/${id}`,
    },
    faults: new FaultController(),
    faultEndpoints: options.faults,
    clock,
    log: options.log,
    refuseFor,
    changed: () => undefined,
  };
}

function createClock(now: () => number): SandboxClock {
  let skewSeconds = 0;
  return {
    nowMs: (fault) => now() + (fault?.mode === 'clock-skew' ? fault.seconds : skewSeconds) * 1000,
    setSkewSeconds: (seconds) => {
      if (!Number.isSafeInteger(seconds)) throw new SandboxOptionsError(`Clock skew must be whole seconds; got ${seconds}.`);
      skewSeconds = seconds;
    },
  };
}
