// The core as a host runs it: settings, the manager's session, the scanner, and the running environment (database, RM
// connection, award desk). Electron main and the browser host each make one and dispatch the contract to it.
import { events, type QueueStatus } from '../contract.ts';
import { purgeFinishedAwards } from '../awards/retention.ts';
import { rememberingSecrets } from '../logging/remembered-secrets.ts';
import { ManagerSession } from '../manager/session.ts';
import { identifyScan } from '../scanner/member-identity.ts';
import type { Environment } from '../rm/hosts.ts';
import { SettingsStore } from '../settings.ts';
import { CounterHub } from '../sync/counter-hub.ts';
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
  readonly now: () => number;
  private runtime: EnvironmentRuntime | null = null;
  /** Head office: pushes this environment's records to the hub it joined (app/sync). */
  private hub: CounterHub | null = null;
  /** What lives as long as the core (the environment's parts have their own, closed on each switch). */
  private readonly lifetime = new Disposables();

  private readonly options: CoreOptions;

  private constructor(options: CoreOptions) {
    // Events leave through their schemas, as results do: an allow-list, so no field the contract does not name can
    // ride along to the renderer.
    this.options = {
      ...options,
      emit: (event, payload) => options.emit(event, events[event].parse(payload) as typeof payload),
      ports: { ...options.ports, secrets: rememberedBy(options.ports) },
    };
    this.now = options.ports.now ?? Date.now;
    this.settings = new SettingsStore(options.dataDir);
    this.manager = this.lifetime.add(new ManagerSession(this.settings, this.now, () => this.options.emit('manager.locked', {})), (session) => session.dispose());
  }

  static async open(options: CoreOptions): Promise<KaunterCore> {
    const core = new KaunterCore(options);
    await core.start(core.settings.value.environment);
    core.watchScanner();
    // The shop's retention setting applies at start (in start()) and once a day after.
    core.lifetime.add(setInterval(() => core.applyRetention(), DAY_MS), clearInterval).unref();
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

  get env(): EnvironmentRuntime {
    if (!this.runtime) throw new Error('Kaunter is switching environments; try again in a moment.');
    return this.runtime;
  }

  /** A different environment is a different database and different credentials: close one, open the other. */
  async switchEnvironment(environment: Environment): Promise<void> {
    await this.stopHub();
    await this.runtime?.close();
    this.runtime = null;
    this.settings.update((s) => ({ ...s, environment }));
    await this.start(environment);
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

  async close(): Promise<void> {
    await this.stopHub();
    await this.runtime?.close();
    this.runtime = null;
    await this.lifetime.dispose();
  }

  private async start(environment: Environment): Promise<void> {
    this.runtime = await openEnvironment(environment, this.options.dataDir, this.settings, this.options.ports, this.options.emit, () => this.queueChanged());
    this.hub = await CounterHub.start({
      db: this.runtime.db,
      secrets: environment === 'training' ? null : this.options.ports.secrets(environment),
      onStatus: (status) => this.options.emit('hub.status', status),
      // Through the desk: the screens hear of it, and a resend goes out at once.
      resolve: (awardId, decision, manager, reason) => void this.env.desk.resolve(awardId, decision, manager, reason),
      log: this.options.ports.log,
    });
    this.options.ports.log?.info(`core: ${environment} opened (${this.runtime.dbPath}); Revenue Monster: ${this.runtime.credentials.state}`);
    this.applyRetention();
    this.queueChanged();
  }

  private async stopHub(): Promise<void> {
    await this.hub?.stop();
    this.hub = null;
  }

  /** The shop's retention setting: finished awards older than N days go. */
  applyRetention(): number {
    const days = this.settings.value.retentionDays;
    if (days === null || !this.runtime) return 0;
    const purged = purgeFinishedAwards(this.runtime.db, days, this.now());
    if (purged > 0) this.options.ports.log?.info(`retention: removed ${purged} finished awards older than ${days} days`);
    return purged;
  }

  private queueChanged(): void {
    if (this.runtime) this.options.emit('queue.changed', this.queueStatus());
    this.hub?.wake();
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
        const identity = identifyScan(scan.text, this.settings.value.scannerRules.identity);
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
