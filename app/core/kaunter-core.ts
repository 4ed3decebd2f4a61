// The core as a host runs it: settings, the manager's session, the scanner, and the running environment (database, RM
// connection, award desk). Electron main and the browser host each make one and dispatch the contract to it.
import { events, MANAGER_EVENTS, type HubLastMerge, type HubMerged, type HubStatus, type QueueStatus } from '../contract.ts';
import type { Award } from '../awards/award.ts';
import { MemberLookups } from '../awards/member-lookups.ts';
import { purgeFinishedAwards } from '../awards/retention.ts';
import { CustomerDisplay } from '../display/customer-display.ts';
import { rememberingSecrets } from '../logging/remembered-secrets.ts';
import { ManagerSession } from '../manager/session.ts';
import { setAsideSentence } from '../scanner/identity-rules.ts';
import { identifyScan } from '../scanner/member-identity.ts';
import type { Environment } from '../rm/hosts.ts';
import { SettingsStore } from '../settings.ts';
import { purgeShiftsEndedBefore } from '../shifts/shifts.ts';
import { CounterHub } from '../sync/counter-hub.ts';
import { refusedAsPutBack } from '../common/put-back-refusal.ts';
import type { RestoreOptions } from '../sync/restore.ts';
import { failedMerge, mergeClosedDatabase, planMerge, type MergePlan } from './hub-merge.ts';
import { Refusal } from './failure.ts';
import { openEnvironment, type EnvironmentRuntime } from './environment.ts';
import type { CorePorts, EventSink } from './ports.ts';
import { DAY_MS } from '../common/shop-time.ts';
import { Disposables } from './disposables.ts';

export interface CoreOptions {
  dataDir: string;
  ports: CorePorts;
  emit: EventSink;
}

/** Every secret the core reads or writes becomes one its log redacts by value. */
function rememberedBy(ports: CorePorts): CorePorts['secrets'] {
  const log = ports.log;
  return log ? (environment) => rememberingSecrets(ports.secrets(environment), log.redactor) : ports.secrets;
}

export class KaunterCore {
  readonly settings: SettingsStore;
  readonly manager: ManagerSession;
  /** The counter's allowance of member look-ups, and what RM said lately (the preview and the display share them). */
  readonly memberLookups = new MemberLookups();
  /** What the customer's screen shows, derived here and pushed as 'display.state'. */
  readonly display: CustomerDisplay;
  readonly now: () => number;
  private runtime: EnvironmentRuntime | null = null;
  /** Head office: pushes this environment's records to the hub it joined (app/sync). */
  private hub: CounterHub | null = null;
  /** What lives as long as the core (the environment's parts have their own, closed on each switch). */
  private readonly lifetime = new Disposables();
  /** The monitors chosen for the customer display, as last told to the host. */
  private shownMonitors = '';
  private queueChangePending = false;
  /** Set by close(): a merge under way then leaves the environment closed rather than open it again. */
  private closed = false;
  /** A merge with head office is under way (mergeWithHub): a second one, a switch, or anything needing the environment is refused. */
  private merging = false;
  /** A merge opening the environment again: close() waits for it, or what it opened would stay open after close. */
  private reopening: Promise<void> | null = null;
  /**
   * How the last merge ended, since Kaunter started: in memory only, as kaunter.log keeps every one. The manager who
   * asked may have left the screen, or been locked out, by the time a long merge ends.
   */
  private lastMergeOutcome: HubLastMerge | null = null;
  /** Between closing one environment and opening the next (switchEnvironment). */
  private switching = false;

  private readonly options: CoreOptions;

  private constructor(options: CoreOptions) {
    // Events leave through their schemas, as results do: an allow-list, so no field the contract does not name can
    // ride along to the renderer.
    // A manager's event goes to the one caller it is for, or to nobody.
    this.options = {
      ...options,
      emit: (event, payload, to) => {
        if (to === undefined && MANAGER_EVENTS.has(event)) {
          options.ports.log?.error(`core: a ${event} event without a caller was not sent`);
          return;
        }
        options.emit(event, events[event].parse(payload) as typeof payload, to);
      },
      ports: { ...options.ports, secrets: rememberedBy(options.ports) },
    };
    this.now = options.ports.now ?? Date.now;
    this.settings = new SettingsStore(options.dataDir);
    for (const pattern of this.settings.setAside) options.ports.log?.warn(`settings: ${setAsideSentence(pattern)}`);
    this.manager = this.lifetime.add(
      new ManagerSession(this.settings, this.now, (callerId) => this.options.emit('manager.locked', {}, callerId)),
      (session) => session.dispose(),
    );
    this.display = this.lifetime.add(
      new CustomerDisplay({
        settings: () => this.settings.value,
        award: (id) => this.runtime?.desk.detail(id)?.award ?? null,
        points: () => this.runtime?.desk.points ?? null,
        lookUp: (member) => this.memberLookups.lookUpIn(this.runtime?.rm?.loyalty ?? null, member),
        emit: (state) => this.options.emit('display.state', state),
      }),
      (display) => display.dispose(),
    );
    this.lifetime.add(
      this.settings.onChange(() => this.settingsChanged()),
      (off) => off(),
    );
  }

  static async open(options: CoreOptions): Promise<KaunterCore> {
    const core = new KaunterCore(options);
    await core.start(core.settings.value.environment);
    core.watchScanner();
    core.showCustomerDisplay();
    // The shop's retention setting applies at start (in start()) and once a day after.
    core.lifetime.add(setInterval(() => core.applyRetentionOrLog(), DAY_MS), clearInterval).unref();
    return core;
  }

  get ports(): CorePorts {
    return this.options.ports;
  }

  get emit(): EventSink {
    return this.options.emit;
  }

  get headOffice(): CounterHub | null {
    return this.hub;
  }

  /** Head office as the screens see it: during a merge there is no CounterHub, and "not joined" would be untrue. */
  hubStatus(): HubStatus {
    if (this.hub) return this.hub.status();
    return this.merging ? { kind: 'merging' } : { kind: 'not-joined' };
  }

  get lastMerge(): HubLastMerge | null {
    return this.lastMergeOutcome;
  }

  get env(): EnvironmentRuntime {
    if (this.runtime) return this.runtime;
    // While it closes and opens, a refusal the screens can say: nothing was written, and restarting would cut it short.
    if (this.merging) throw Refusal.say('NOT_ALLOWED', 'hub.merging');
    if (this.switching) throw Refusal.say('NOT_ALLOWED', 'hub.switching');
    // Neither: the environment did not open again (its error is in the log), and restarting Kaunter is the way on.
    throw new Error("This environment's database did not open again; restart Kaunter.");
  }

  /** A different environment is a different database and different credentials: close one, open the other. */
  async switchEnvironment(environment: Environment): Promise<void> {
    // A merge closes and reopens the environment itself: a switch in between would be closed under it, or reopened wrong.
    if (this.merging) throw Refusal.say('NOT_ALLOWED', 'hub.merging');
    this.switching = true;
    try {
      await this.stopHub();
      await this.runtime?.close();
      this.runtime = null;
      this.settings.update((s) => ({ ...s, environment }));
      await this.start(environment);
    } finally {
      this.switching = false;
    }
  }

  /**
   * A counter put back from a backup copy, refused by head office: its record of this terminal comes back, with the
   * sales made here since (app/core/hub-merge.ts). The merge needs the database closed and the relay lock free, so the
   * environment closes, as for a switch, and opens again afterwards whatever happened: a merge that fails leaves the
   * database as it was, and the counter carries on with it.
   */
  async mergeWithHub(onProgress?: RestoreOptions['onProgress']): Promise<HubMerged> {
    // First, and before the first wait: a second caller (another manager screen) must not start one too, nor reopen the
    // environment under this one's feet when it is refused.
    if (this.merging) throw Refusal.say('NOT_ALLOWED', 'hub.merging');
    const { environment, db, dbPath } = this.env;
    if (environment === 'training') throw Refusal.say('NOT_ALLOWED', 'hub.mergeTraining');
    if (!this.hub || !refusedAsPutBack(this.hub.status())) throw Refusal.say('NOT_ALLOWED', 'hub.mergeNotNeeded');
    this.merging = true;
    try {
      const plan = await planMerge(db, this.options.ports.secrets(environment));
      // Kaunter closed while the keychain was read: no merge starts under its feet (nothing was changed).
      if (this.closed) throw new Error('Kaunter is closing: the merge with head office did not start.');
      await this.stopHub();
      await this.runtime?.close();
      this.runtime = null;
      // Every screen hears it, as it hears the status after: Settings and the status bar must not say "not joined".
      this.options.emit('hub.status', this.hubStatus());
      try {
        return await this.mergeAndLog(dbPath, plan, onProgress);
      } finally {
        await this.reopenUnlessClosed(environment);
      }
    } finally {
      this.merging = false;
      if (!this.closed) this.options.emit('hub.status', this.hubStatus());
    }
  }

  /** Kept before the environment opens again: a screen hearing the new status then reads this merge's outcome, not the last. */
  private async mergeAndLog(dbPath: string, plan: MergePlan, onProgress?: RestoreOptions['onProgress']): Promise<HubMerged> {
    const log = this.options.ports.log;
    try {
      const merged = await mergeClosedDatabase(dbPath, plan, onProgress);
      log?.info(`head office: this put-back counter merged with head office's record: ${JSON.stringify(merged)}`);
      this.lastMergeOutcome = { kind: 'done', at: this.now(), merged };
      return merged;
    } catch (error) {
      log?.warn(`head office: the merge with head office's record did not happen: ${error instanceof Error ? error.message : String(error)}`);
      this.lastMergeOutcome = failedMerge(error, this.now());
      throw error;
    }
  }

  private async reopenUnlessClosed(environment: Environment): Promise<void> {
    if (this.closed) return;
    this.reopening = this.start(environment);
    try {
      await this.reopening;
    } finally {
      this.reopening = null;
    }
  }

  /** Credentials changed: reconnect the same environment (same database) with them. */
  async reconnect(): Promise<void> {
    await this.switchEnvironment(this.env.environment);
  }

  queueStatus(): QueueStatus {
    const runtime = this.env;
    const counts = runtime.desk.counts();
    const relay = runtime.desk.relayStatus;
    return {
      ...counts,
      online: runtime.rm !== null && runtime.desk.connectivity.state === 'online',
      paused: relay?.paused ?? null,
      sendingEnabled: runtime.desk.isRelay,
    };
  }

  /** A caller went away (its window closed, its socket dropped): what was its own ends with it. */
  callerGone(callerId: string): void {
    this.manager.end(callerId);
  }

  async close(): Promise<void> {
    this.closed = true;
    // Whether it opened or failed, the merge's caller hears of it; here only what it opened matters.
    await this.reopening?.catch(() => undefined);
    await this.stopHub();
    await this.runtime?.close();
    this.runtime = null;
    await this.lifetime.dispose();
  }

  private async start(environment: Environment): Promise<void> {
    this.runtime = await openEnvironment(environment, this.options.dataDir, this.settings, this.options.ports, {
      emit: this.options.emit,
      onQueueChange: () => this.queueChanged(),
      onAwardChanged: (award) => this.awardChanged(award),
    });
    this.hub = await CounterHub.start({
      db: this.runtime.db,
      secrets: environment === 'training' ? null : this.options.ports.secrets(environment),
      onStatus: (status) => this.options.emit('hub.status', status),
      // Through the desk: once recorded, the screens hear of it, and a resend goes out at once.
      resolve: (awardId, decision, manager, reason) => this.env.desk.settle(awardId, decision, manager, reason).afterCommit,
      holdPutBackQueue: () => this.env.desk.holdPutBackQueue(),
      log: this.options.ports.log,
    });
    this.options.ports.log?.info(`core: ${environment} opened (${this.runtime.dbPath}); Revenue Monster: ${this.runtime.credentials.state}`);
    this.display.refresh();
    this.applyRetention();
    this.queueChanged();
    this.runtime.shifts.announce();
  }

  private async stopHub(): Promise<void> {
    await this.hub?.stop();
    this.hub = null;
  }

  /** The daily run: housekeeping that fails (a busy or full disk) is logged and tried again tomorrow, never fatal. */
  private applyRetentionOrLog(): void {
    try {
      this.applyRetention();
    } catch (error) {
      this.options.ports.log?.warn(`retention: not applied today: ${(error as Error).message}`);
    }
  }

  /** The shop's retention setting: finished awards older than N days go. */
  applyRetention(): number {
    const days = this.settings.value.retentionDays;
    if (days === null || !this.runtime) return 0;
    const purged = purgeFinishedAwards(this.runtime.db, days, this.now());
    if (purged > 0) this.options.ports.log?.info(`retention: removed ${purged} finished awards older than ${days} days`);
    // A shift's figures are read from its awards: one that ended before them goes with them.
    const shifts = purgeShiftsEndedBefore(this.runtime.db, this.now() - days * DAY_MS);
    if (shifts > 0) this.options.ports.log?.info(`retention: removed ${shifts} shifts that ended more than ${days} days ago`);
    return purged;
  }

  private awardChanged(award: Award): void {
    // The member's balance changed: a look-up now (the display's thanks, the counter's) must ask RM, not remember.
    if (award.state === 'AWARDED' && award.member.type !== 'QRCODE') this.memberLookups.creditedTo(award.id, award.member);
    this.display.awardChanged(award);
  }

  private settingsChanged(): void {
    this.display.refresh();
    this.showCustomerDisplay();
  }

  /** Tells a desktop host which monitors are chosen for the customer display (when that changed). */
  private showCustomerDisplay(): void {
    const port = this.options.ports.customerDisplay;
    const ids = this.settings.value.customerDisplay.monitorIds;
    if (port?.kind !== 'monitors' || JSON.stringify(ids) === this.shownMonitors) return;
    this.shownMonitors = JSON.stringify(ids);
    port.show(ids);
  }

  /**
   * A drain changes the queue about five times per award (sending, settled, the relay's status, the next award claimed),
   * several of them in the same turn of the event loop. queue.changed carries the whole status, not a difference, so a
   * screen needs only the last one of a turn: it is counted and sent once, just after the turn. A 10,000-award drain
   * counted the queue and sent the event 50,000 times; now about 17,000 (measured), and every change is still told.
   */
  private queueChanged(): void {
    this.hub?.wake();
    if (this.queueChangePending) return;
    this.queueChangePending = true;
    setImmediate(() => {
      this.queueChangePending = false;
      if (this.runtime) this.options.emit('queue.changed', this.queueStatus());
    });
  }

  /**
   * Tells the HID watcher what to open. In keyboard mode: nothing. The renderer reads that scanner's keystrokes, and
   * opening the same device through hidraw as well (Linux allows it) would report every code twice.
   */
  configureScanner(): void {
    const { scannerMode, scannerRules } = this.settings.value;
    const rules = scannerMode === 'keyboard' ? { ...scannerRules, savedScanners: [], openAnyHidPosScanner: false } : scannerRules;
    this.options.ports.scanner?.configure(rules);
  }

  private watchScanner(): void {
    const scanner = this.options.ports.scanner;
    if (!scanner) return;
    this.configureScanner();
    const unsubscribe = (off: () => void) => off();
    // The core reads a scan as a member or a receipt, not the host: the shop's receipt pattern runs here, in the
    // core's own process, never on the thread that answers the window.
    this.lifetime.add(
      scanner.onScan((scan) => {
        const identity = identifyScan(scan.text, this.settings.value.scannerRules.identity, scan.symbology);
        this.options.emit('scan', { text: scan.text, identity, source: 'hid' });
      }),
      unsubscribe,
    );
    this.lifetime.add(
      scanner.onStatus((status) => this.options.emit('scanner.status', status)),
      unsubscribe,
    );
  }
}
