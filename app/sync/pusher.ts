// The pusher: sends the counter's records to the hub beside the relay, never in its way. Nothing at the counter waits
// for it; it reads a batch (a WAL snapshot, a few milliseconds), sends it, records the hub's acknowledgement, and
// repeats until the hub has everything; a wake after a sale pushes within about five seconds. While the hub is
// unreachable it backs off (1 s doubling to a minute) and its status says since when; told to wait by the hub (HTTP 429),
// it waits as it would between pushes, and only after minutes of it says since when; it never tries again sooner than
// the hub's Retry-After asked; after days offline it catches up batch by batch.
import type { Db } from '../store/database.ts';
import type { HubAnswer, HubClient } from './hub-client.ts';
import { holdPutBackQueue } from '../awards/attempts.ts';
import { carryOutOnce, resolveInDatabase, type Resolve } from './decisions.ts';
import { changedSince, hubLink, newestEventId, recordAck, rewindTo } from '../store/hub-sync.ts';
import { readBatch, waitingAwards } from './outgoing.ts';
import { pushBatchSchema } from './wire.ts';
import { SHOP_UTC_OFFSET_MINUTES } from '../common/shop-time.ts';

/** How long being told to wait passes for the normal wait between pushes (a few of the idle pauses between passes). */
const TOLD_TO_WAIT_GRACE_MS = 2 * 60_000;
/**
 * Added to the words of a hub from before the in-app merge when it finds a put-back copy (CONFLICT): they name the
 * command line's way back only, and a counter joined in the app has one in its Settings that needs no new code.
 */
const IN_APP_MERGE = " A counter joined in Kaunter's Settings is brought back in step there by a manager (Settings > Head office), with no new code.";
/** The longest Retry-After obeyed: a proxy's "come back tomorrow" must not stop a shop's records for a day. */
const MAX_ASKED_WAIT_MS = 10 * 60_000;

export type SyncStatus =
  | { kind: 'not-joined' }
  | { kind: 'synced'; at: number }
  | { kind: 'waiting'; waiting: number }
  | { kind: 'unreachable'; since: number; waiting: number; message: string }
  | { kind: 'refused'; code: string; message: string; waiting: number };

export interface PassResult {
  events: number;
  awards: number;
  status: SyncStatus;
  /** The hub's own words when it asked this counter to wait (the status bar says only "waiting"; `kaunter sync` prints them). */
  hubAskedToWait?: string;
}

export interface PusherOptions {
  db: Db;
  client: HubClient;
  now?: () => number;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often a synced pusher looks for new events when nobody wakes it. */
  idleMs?: number;
  /** After a wake, how long to gather what else is written before pushing (one batch, not one request per award). */
  coalesceMs?: number;
  /**
   * Events per push. Reading a batch holds the database connection the relay also uses, so a running counter reads
   * small ones (and yields between them); `kaunter sync` catching up reads the largest the hub takes.
   */
  batchEvents?: number;
  onStatus?: (status: SyncStatus) => void;
  /** How a decision from the hub is carried out (default: straight to the database). */
  resolve?: Resolve;
  /** How the awards waiting here are held when the hub is found ahead of this counter (default: straight to the database). */
  holdPutBackQueue?: () => void;
}

export class HubPusher {
  private readonly now: () => number;
  private current: SyncStatus;
  private backoffMs = 0;
  private running = false;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private wakeTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPass: Promise<unknown> = Promise.resolve();
  /** Since when the hub has told this counter to wait, without a pass it answered in between. */
  private busySince: number | null = null;
  /** The hub's last request to wait (a 429, or a 503 with Retry-After): its words, and no try before `until`. */
  private askedToWait: { message: string; until: number } | null = null;

  private readonly options: PusherOptions;
  constructor(options: PusherOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.current = hubLink(options.db) ? { kind: 'waiting', waiting: waitingAwards(options.db) } : { kind: 'not-joined' };
  }

  status(): SyncStatus {
    return this.current;
  }

  /**
   * Pushes until the hub has everything or says no or cannot be reached. One pass at a time: the background loop's and
   * one asked for (a manager's evidence needs the award at the hub first) wait for each other, so a batch is not sent
   * twice at once nor a hub decision carried out by two passes. Refused after stop(): the database may be closed by then.
   */
  pushPending(): Promise<PassResult> {
    if (this.stopped) return Promise.reject(new Error('The hub pusher has stopped.'));
    const pass = this.lastPass.then(() => this.pass());
    this.lastPass = pass.catch(() => undefined);
    return pass;
  }

  private async pass(): Promise<PassResult> {
    let events = 0;
    let awards = 0;
    for (;;) {
      const batch = readBatch(this.options.db, this.options.batchEvents);
      if (!batch) {
        const checked = await this.checkIn();
        if (checked === 'again') continue;
        return this.result(events, awards, checked);
      }
      const valid = pushBatchSchema.safeParse(batch);
      if (!valid.success) {
        const message = `This counter holds a record the hub would refuse (${valid.error.issues[0]?.message ?? 'not valid'}); call support.`;
        return this.result(events, awards, { kind: 'refused', code: 'BAD_BATCH', message, waiting: this.waiting() });
      }
      const answer = await this.options.client.push(valid.data);
      if (answer.kind === 'ok') {
        // Past this batch is fine (a larger batch from `kaunter sync`, whose answer was lost, took the hub further); past
        // everything this counter ever wrote is not.
        const newest = newestEventId(this.options.db);
        if (answer.value.ackedSeq > newest) return this.result(events, awards, this.outOfStep(answer.value.ackedSeq, newest));
        recordAck(this.options.db, answer.value.ackedSeq);
        events += batch.events.length;
        awards += batch.awards.length;
        this.answered();
        // Stopping (the app closing, the environment switched) waits for this pass: not for a whole backlog.
        if (this.stopped) return this.result(events, awards, { kind: 'waiting', waiting: this.waiting() });
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (answer.kind === 'refused' && answer.code === 'POSITION' && answer.ackedSeq !== undefined && answer.ackedSeq < batch.after) {
        rewindTo(this.options.db, answer.ackedSeq);
        continue;
      }
      return this.result(events, awards, this.failed(answer));
    }
  }

  private result(events: number, awards: number, status: SyncStatus): PassResult {
    const asked = this.askedToWait ? { hubAskedToWait: this.askedToWait.message } : {};
    return { events, awards, status: this.set(status), ...asked };
  }

  /** The hub took a batch or had nothing more to say: any back-off and any request to wait are over. */
  private answered(): void {
    this.backoffMs = 0;
    this.busySince = null;
    this.askedToWait = null;
  }

  /**
   * With nothing to send, the counter still asks the hub where it stands: a revoked terminal learns it, a hub restored
   * from an older backup (it has less than it acknowledged) gets the difference sent again, and decisions taken at the
   * hub are carried out here and reported.
   */
  private async checkIn(): Promise<SyncStatus | 'again'> {
    const link = hubLink(this.options.db);
    if (!link) return { kind: 'not-joined' };
    const answer = await this.options.client.checkIn();
    if (answer.kind !== 'ok') return this.failed(answer);
    if (answer.value.ackedSeq < link.ackedEventId) {
      rewindTo(this.options.db, answer.value.ackedSeq);
      return 'again';
    }
    const newest = newestEventId(this.options.db);
    if (answer.value.ackedSeq > newest) return this.outOfStep(answer.value.ackedSeq, newest);
    const { ackedSeq, decisions } = answer.value;
    // A decision on an award that changed here after the hub's last answer was taken without that change (the award
    // may have been sent again and be unknown once more): the hub hears of it first, and offers only what still holds.
    if (decisions.some((decision) => changedSince(this.options.db, decision.awardId, ackedSeq))) return 'again';
    if (decisions.length > 0) {
      for (const decision of decisions) {
        const report = carryOutOnce(this.options.db, decision, this.options.resolve ?? resolveInDatabase(this.options.db, this.now), this.now());
        const sent = await this.options.client.reportDecision(decision.id, report);
        if (sent.kind !== 'ok') return this.failed(sent);
      }
      // Carrying them out wrote events: send those too.
      return 'again';
    }
    this.answered();
    return { kind: 'synced', at: this.now() };
  }

  /**
   * The hub has more of this terminal's trail than this counter ever wrote: the PC was put back from a backup copy, or
   * another PC uses its link. Taking the hub's position would skip this counter's own later events for good (the hub
   * keeps the first event of each number), so nothing more is sent or acknowledged until someone sorts it out.
   */
  private outOfStep(hubHas: number, counterHas: number): SyncStatus {
    this.holdPutBackQueue();
    const message =
      `Head office already holds this counter's record up to entry ${hubHas}, but this counter's own goes only to ` +
      `${counterHas}: was this PC put back from a backup copy, or is another PC using its link to head office? Sending ` +
      'to head office has stopped so that neither record overwrites the other; awards at this counter go on. Put back: a ' +
      "manager brings it back in step in Kaunter's Settings > Head office (or support runs `kaunter hub restore --merge` " +
      'with Kaunter closed; a counter joined in the app then needs a new code from head office). Another PC: call support.';
    return { kind: 'refused', code: 'OUT_OF_STEP', message, waiting: this.waiting() };
  }

  /**
   * The awards a copy put back still had waiting may have been sent by the PC it replaced after the copy was taken: they
   * go to a manager rather than to RM again (attempts.ts holdPutBackQueue; once, so later sales are sent as usual).
   */
  private holdPutBackQueue(): void {
    if (this.options.holdPutBackQueue) this.options.holdPutBackQueue();
    else holdPutBackQueue(this.options.db, this.now());
  }

  private failed(answer: Exclude<HubAnswer<unknown>, { kind: 'ok' }>): SyncStatus {
    // The hub holds other events under this counter's numbers: a put-back copy that has sold past the hub's position.
    if (answer.kind === 'refused' && answer.code === 'CONFLICT') this.holdPutBackQueue();
    const waiting = this.waiting();
    const asked = answer.kind === 'unreachable' && (answer.busy === true || answer.retryAfterMs !== undefined);
    this.askedToWait = asked ? { message: answer.message, until: this.now() + Math.min(answer.retryAfterMs ?? 0, MAX_ASKED_WAIT_MS) } : null;
    if (answer.kind === 'unreachable' && answer.busy) return this.toldToWait(answer.message, waiting);
    // Any other answer ends a run of being told to wait: an outage keeps its own "since", a refusal says why.
    this.busySince = null;
    return answer.kind === 'unreachable'
      ? { kind: 'unreachable', since: this.current.kind === 'unreachable' ? this.current.since : this.now(), waiting, message: answer.message }
      : { kind: 'refused', code: answer.code, message: conflictWords(answer.code, answer.message), waiting };
  }

  /**
   * The hub answered and asked this counter to wait (its limits on requests at once). For a moment that is the normal
   * wait between pushes: "unreachable since" would send the shop looking for an outage that is not there. Told to wait
   * for minutes on end (another holder of this terminal's credential keeping its requests open), or straight after an
   * outage, head office is not serving this counter, and the status bar says since when.
   */
  private toldToWait(message: string, waiting: number): SyncStatus {
    const now = this.now();
    this.busySince ??= now;
    if (this.current.kind === 'unreachable' || now - this.busySince >= TOLD_TO_WAIT_GRACE_MS) {
      return { kind: 'unreachable', since: this.current.kind === 'unreachable' ? this.current.since : this.busySince, waiting, message };
    }
    return waiting === 0 && this.current.kind === 'synced' ? this.current : { kind: 'waiting', waiting };
  }

  /** Runs passes in the background until stop(): promptly after wake(), and every idleMs otherwise. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Something new was written: push it soon (unless backing off from an unreachable hub). Soon, not at once: the
   * awards of the next few seconds go in the same batch, and pushing stays out of the way of the sales being rung up
   * (test/bench/sync-latency.bench.ts: with one push a second, a busy counter's p99 suffered; head office does not
   * need the award within the second).
   */
  wake(): void {
    if (this.backoffMs !== 0 || this.wakeTimer) return;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.wakeUp?.();
    }, Math.max(this.options.coalesceMs ?? 5_000, this.askedWaitLeftMs()));
    this.wakeTimer.unref?.();
  }

  /** Ends the loop and waits for every pass already asked for, so the database can be closed after it. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopped = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.wakeUp?.();
    await this.loop;
    await this.lastPass;
  }

  /** Milliseconds until the next try after this pass (exposed for `kaunter sync --until-synced`). */
  nextDelayMs(status: SyncStatus): number {
    const first = this.options.firstBackoffMs ?? 1_000;
    const max = this.options.maxBackoffMs ?? 60_000;
    if (status.kind === 'synced' || status.kind === 'not-joined' || status.kind === 'waiting') {
      this.backoffMs = 0;
      return Math.max(this.options.idleMs ?? 15_000, this.askedWaitLeftMs());
    }
    this.backoffMs = status.kind === 'refused' ? max : Math.min(max, this.backoffMs === 0 ? first : this.backoffMs * 2);
    // Jitter, so counters that lost the hub together do not all come back in the same second.
    return Math.max(Math.round(this.backoffMs * (0.75 + Math.random() * 0.5)), this.askedWaitLeftMs());
  }

  private askedWaitLeftMs(): number {
    return this.askedToWait ? Math.max(0, this.askedToWait.until - this.now()) : 0;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let status: SyncStatus;
      try {
        status = (await this.pushPending()).status;
      } catch (error) {
        // A locked or failing database: the relay has the same problem and says so; try again later.
        status = this.set({ kind: 'unreachable', since: this.now(), waiting: 0, message: error instanceof Error ? error.message : String(error) });
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.nextDelayMs(status));
        timer.unref?.();
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  private waiting(): number {
    return waitingAwards(this.options.db);
  }

  private set(status: SyncStatus): SyncStatus {
    this.current = status;
    this.options.onStatus?.(status);
    return status;
  }
}

/** The status bar's words: "head office: synced / N waiting / unreachable since 10:42". */
export function describeSyncStatus(status: SyncStatus, utcOffsetMinutes = SHOP_UTC_OFFSET_MINUTES): string {
  switch (status.kind) {
    case 'not-joined':
      return 'head office: not joined';
    case 'synced':
      return 'head office: synced';
    case 'waiting':
      return `head office: ${status.waiting} waiting`;
    case 'unreachable':
      return `head office: unreachable since ${clock(status.since, utcOffsetMinutes)} (${status.waiting} waiting)`;
    case 'refused':
      return status.code === 'REVOKED' ? 'head office: this terminal was revoked' : `head office: refused (${status.message})`;
  }
}

function clock(ms: number, utcOffsetMinutes: number): string {
  const local = new Date(ms + utcOffsetMinutes * 60_000);
  const day = local.toISOString().slice(0, 10);
  const time = local.toISOString().slice(11, 16);
  return `${day} ${time}`;
}

/** A hub that knows the in-app merge names Settings itself; an older one's CONFLICT words get the sentence. */
function conflictWords(code: string, message: string): string {
  return code === 'CONFLICT' && !message.includes('Settings > Head office') ? `${message}${IN_APP_MERGE}` : message;
}
