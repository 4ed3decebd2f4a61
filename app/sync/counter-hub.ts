// Head office for a running Kaunter: the pusher beside the relay, started when this environment's database has joined a
// hub and its credential is in the keychain, and joining from the app (the setup wizard, Settings), which on a new,
// empty database also brings back the terminal's history. The credential crosses the host's port only as a plain
// string (CorePorts.secrets), and never leaves the core.
import { say, type MessageParams } from '../messages.ts';
import type { SecretRead, SecretStore } from '../secrets.ts';
import type { Db } from '../store/database.ts';
import { checkHubUrl, HubClient } from './hub-client.ts';
import { hubLink, linkToHub, unfinishedRestore } from '../store/hub-sync.ts';
import { carryOnRefusal, restoreNeeded } from './join-rules.ts';
import { linkOf } from './outgoing.ts';
import { HubPusher } from './pusher.ts';
import { restoreFromHub } from './restore.ts';
import type { Logger } from '../logging/logger.ts';
import type { ChainNeighbours } from '../awards/reconcile.ts';
import { hubNeighbours } from './chain-neighbours.ts';
import { ReceiptsElsewhere } from './receipts-elsewhere.ts';
import type { Resolve } from './decisions.ts';
import type { HubStatus } from '../contract.ts';

/** A running counter pushes small batches: each read is a millisecond or two beside the relay, not ten. */
export const RUNNING_BATCH_EVENTS = 200;
/** A manager is waiting on the Review tab: without the hub's answer by then, the counter's own evidence stands alone. */
export const NEIGHBOURS_TIMEOUT_MS = 3_000;
/** A cashier is filling the sale in: an answer later than this would come after the confirm, and be of no use. */
export const RECEIPT_CHECK_TIMEOUT_MS = 3_000;
/** How long that manager waits for an award the hub has not got yet to be sent before asking about it. */
const NEIGHBOURS_CATCH_UP_MS = 5_000;

export interface CounterHubOptions {
  db: Db;
  /** The environment's keychain; null in training (its awards are practice and never go to head office). */
  secrets: SecretStore | null;
  onStatus: (status: HubStatus) => void;
  /** Carries out a decision taken at head office (the running app's award desk). */
  resolve?: Resolve;
  /** Holds the awards waiting here when the hub is found ahead of this counter (the running app's award desk). */
  holdPutBackQueue?: () => void;
  log?: Logger | undefined;
}

/** A join that did not happen: `message` in English with the detail (the hub's own words), `key` for every language. */
export class HubJoinError extends Error {
  readonly key: string;
  readonly params: MessageParams;
  constructor(
    key: string,
    message: string = say(key),
    params: MessageParams = {},
  ) {
    super(message);
    this.key = key;
    this.params = params;
    this.name = 'HubJoinError';
  }
}

export class CounterHub {
  private pusher: HubPusher | null = null;
  private chain: ChainNeighbours | null = null;
  private receipts: ReceiptsElsewhere | null = null;

  private readonly options: CounterHubOptions;
  private constructor(options: CounterHubOptions) {
    this.options = options;
  }

  /** Says where this environment stands at once: after a switch, the status bar must not keep the last one's. */
  static async start(options: CounterHubOptions): Promise<CounterHub> {
    const hub = new CounterHub(options);
    const link = hubLink(options.db);
    if (link && options.secrets) {
      const credential = await options.secrets.get('hubCredential', { configured: true });
      if (credential.state !== 'found') {
        options.onStatus({ kind: 'refused', code: 'CREDENTIAL', message: missingCredential(credential), waiting: 0 });
        return hub;
      }
      hub.run(link.hubUrl, credential.value);
    }
    options.onStatus(hub.status());
    return hub;
  }

  status(): HubStatus {
    if (this.pusher) return this.pusher.status();
    return unfinishedRestore(this.options.db) ? { kind: 'restore-unfinished' } : { kind: 'not-joined' };
  }

  /** The chain's other awards to a member, for this counter's reconciliation; null until this terminal has joined. */
  neighbours(): ChainNeighbours | null {
    return this.chain;
  }

  /** Today's awards on a receipt at the outlet's other counters, as the hub knows them; null until this terminal has joined. */
  receiptsElsewhere(): ReceiptsElsewhere | null {
    return this.receipts;
  }

  /** Something was written: push it soon. */
  wake(): void {
    this.pusher?.wake();
  }

  /** Exchanges a one-time code, keeps the credential in the keychain, and starts pushing. */
  async join(url: string, code: string): Promise<HubStatus> {
    if (!this.options.secrets) throw new HubJoinError('hub.trainingOnly');
    let origin: string;
    try {
      origin = checkHubUrl(url);
    } catch (error) {
      throw new HubJoinError('hub.badUrl', error instanceof Error ? error.message : String(error));
    }
    const answer = await new HubClient(origin, null).join(code);
    if (answer.kind === 'unreachable') throw new HubJoinError('hub.unreachable', answer.message, { url: origin });
    if (answer.kind !== 'ok') throw new HubJoinError('hub.refused', answer.message);
    const refusal = carryOnRefusal(this.options.db, answer.value);
    if (refusal) throw new HubJoinError(refusal.key, say(refusal.key, refusal.params), refusal.params);
    // A replacement PC joining as a terminal the hub already has records of: its history comes back first, so its
    // trail continues where the old PC's stopped. Until it has, nothing is kept of the join: a restore that fails
    // leaves this PC not joined, with no history or (cut short while it wrote) part of it, and joining again with a new
    // code starts afresh or finishes it.
    if (restoreNeeded(this.options.db, answer.value)) {
      try {
        const client = new HubClient(origin, answer.value.credential);
        const terminal = { hubTerminalId: answer.value.terminalId, outlet: answer.value.outlet, terminal: answer.value.terminal };
        const restored = await restoreFromHub(this.options.db, client, { terminal });
        this.options.log?.info(
          `head office: restored ${restored.awards} awards of this terminal, ${restored.held} of them held for a manager (the old PC may have sent them); ${restored.alreadyHere} were already on this PC`,
        );
      } catch (error) {
        // Written in part before it failed, the history says so until a join finishes it.
        const status = this.status();
        this.options.onStatus(status);
        const key = status.kind === 'restore-unfinished' ? 'hub.restorePartial' : 'hub.restoreFailed';
        throw new HubJoinError(key, `${say(key)} (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    const stored = await this.options.secrets.set('hubCredential', answer.value.credential);
    if (!stored.ok) throw new HubJoinError(`keychain.${stored.error.code}`, stored.error.message);
    // The hub has this terminal's trail up to ackedSeq: all of it restored here, or this database's own.
    linkToHub(this.options.db, linkOf(origin, answer.value, answer.value.ackedSeq));
    this.options.log?.info(`head office: joined outlet "${answer.value.outlet}" as terminal "${answer.value.terminal}"`);
    await this.pusher?.stop();
    this.run(origin, answer.value.credential);
    return this.status();
  }

  async stop(): Promise<void> {
    await this.pusher?.stop();
    this.pusher = null;
    this.chain = null;
    this.receipts = null;
  }

  private run(url: string, credential: string): void {
    this.pusher = new HubPusher({
      db: this.options.db,
      client: new HubClient(url, credential),
      onStatus: this.options.onStatus,
      batchEvents: RUNNING_BATCH_EVENTS,
      ...(this.options.resolve ? { resolve: this.options.resolve } : {}),
      ...(this.options.holdPutBackQueue ? { holdPutBackQueue: this.options.holdPutBackQueue } : {}),
    });
    this.pusher.start();
    const pusher = this.pusher;
    this.chain = hubNeighbours(new HubClient(url, credential, NEIGHBOURS_TIMEOUT_MS), () => pusher.pushPending(), NEIGHBOURS_CATCH_UP_MS);
    this.receipts = new ReceiptsElsewhere(new HubClient(url, credential, RECEIPT_CHECK_TIMEOUT_MS));
  }
}

function missingCredential(read: Exclude<SecretRead, { state: 'found' }>): string {
  switch (read.state) {
    case 'unavailable':
      return read.error.message;
    case 'needs-reprovisioning':
    case 'absent':
      return "This terminal's head-office credential is no longer in the keychain: ask head office for a new code and join again.";
  }
}
