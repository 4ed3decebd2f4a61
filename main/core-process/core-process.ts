// The host's side of the core's own process: it starts the process (an Electron utility process, or a Node child for
// the browser host and tests), hands it what only the host has (the keychain, the USB scanners, training's sandbox),
// forwards the contract's calls and events with the same schema checks the core makes, and restarts the process if it
// dies. An award that was in flight then becomes UNKNOWN at the next start, exactly as after a crash of the whole app.
import {
  EVENT_NAMES,
  contractErrorSchema,
  events,
  type EventName,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
} from '../../app/contract.ts';
import type { CustomerDisplayPort, ScannerPort, TrainingRm, EventSink } from '../../app/core/ports.ts';
import { coreMessageSchema, type ChannelEnd, type CoreInit, type CoreMessage, type PortAnswer, type PortRequest } from '../../app/core-process/protocol.ts';
import { secretOutcomeToWire } from '../../app/core-process/secret-wire.ts';
import { warmAnswerChecks } from '../../app/core-process/answer-check-warmup.ts';
import { Watchdog, type WatchdogTiming } from './watchdog.ts';
import { checkCall, checkOutput, HOST_CALLER, said, type Dispatch } from '../../app/contract-check.ts';
import { scannerSettingsSchema } from '../../app/scanner/scanner-settings.ts';
import type { Logger } from '../../app/logging/logger.ts';
import { holdsSecret, type KeychainScope, type SecretStore } from '../../app/secrets.ts';

/** A started core process: its channel, and a way to learn that it ended or to end it. */
export interface LaunchedCore {
  channel: ChannelEnd;
  onExit(listener: (exit: { code: number | null; signal: string | null }) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}

export type CoreLauncher = () => LaunchedCore;

export interface CoreServices {
  init: Omit<CoreInit, 'scanner' | 'customerDisplay' | 'logLevel'>;
  /** The OS keychain, by scope: an RM environment's secrets, or the terminal's own. */
  secrets: (scope: KeychainScope) => SecretStore;
  scanner: ScannerPort | null;
  /** How this host shows a customer display; none by default. */
  customerDisplay?: CustomerDisplayPort | null;
  trainingRm: () => Promise<TrainingRm>;
  /** The host's log, which also gets the core's lines; the core sends none below the level this log keeps. */
  log: Logger;
  /** The contract's events, on to the window(s). */
  emit: EventSink;
}

export type CoreStatus = { state: 'running' | 'restarting'; restarts: number; lastRestartAt: number | null; problem: string | null };

export interface CoreProcessOptions {
  restartDelaysMs?: readonly number[];
  watchdog?: WatchdogTiming;
  /** How long the first start may take (opening a large database checks it first) before it is given up. */
  startTimeoutMs?: number;
}

/** Waits between restarts: quick for a one-off crash, slower for a core that keeps failing (a full disk, say). */
const RESTART_DELAYS_MS = [200, 1_000, 5_000, 15_000, 30_000];
/** A core that has run this long is healthy again: the next crash restarts at the shortest delay. */
const HEALTHY_AFTER_MS = 60_000;
/** A call made while the core restarts waits this long for it before it is refused. */
const CALL_WAIT_MS = 15_000;
const START_TIMEOUT_MS = 120_000;
/** How long closing waits for the core (and an award it is sending) before it stops the process the hard way. */
const CLOSE_WAIT_MS = 10_000;

const INTERRUPTED = said('UNAVAILABLE', 'error.coreInterrupted');
const STILL_RESTARTING = said('UNAVAILABLE', 'error.UNAVAILABLE');

interface PendingCall {
  method: MethodName;
  resolve: (result: Result<unknown>) => void;
}

export class CoreProcess {
  private child: LaunchedCore | null = null;
  private ready = false;
  private closing = false;
  private nextCallId = 0;
  private startedAt = 0;
  private failures = 0;
  private currentStatus: CoreStatus = { state: 'restarting', restarts: 0, lastRestartAt: null, problem: null };
  private readonly watchdog: Watchdog;
  private readonly pending = new Map<number, PendingCall>();
  private readyWaiters: Array<() => void> = [];
  private firstStart: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: Array<() => void> = [];

  private readonly launch: CoreLauncher;
  private readonly services: CoreServices;
  private readonly restartDelaysMs: readonly number[];
  private constructor(
    launch: CoreLauncher,
    services: CoreServices,
    restartDelaysMs: readonly number[],
    watchdogTiming: WatchdogTiming | undefined,
  ) {
    this.launch = launch;
    this.services = services;
    this.restartDelaysMs = restartDelaysMs;
    this.watchdog = new Watchdog(
      (id) => this.child?.channel.post({ kind: 'ping', id }),
      (silentMs) => {
        this.services.log.error(`core process: no answer for ${Math.round(silentMs / 1000)} s; stopping it so it can start again`);
        this.child?.kill();
      },
      watchdogTiming,
    );
  }

  /** Starts the core process and resolves once the core is open, or rejects with the core's own reason (a corrupt database, say). */
  static async start(launch: CoreLauncher, services: CoreServices, options: CoreProcessOptions = {}): Promise<CoreProcess> {
    const core = new CoreProcess(launch, services, options.restartDelaysMs ?? RESTART_DELAYS_MS, options.watchdog);
    core.watchHostPorts();
    const limitMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        core.firstStart = { resolve, reject };
        timer = setTimeout(() => core.openFailed(`Kaunter's core did not open within ${Math.round(limitMs / 1000)} seconds.`), limitMs);
        core.spawn();
      });
    } catch (error) {
      await core.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return core;
  }

  get status(): CoreStatus {
    return this.currentStatus;
  }

  /** The process id of the running core (for tests and the log); undefined while it restarts. */
  get pid(): number | undefined {
    return this.ready ? this.child?.pid : undefined;
  }

  /** The contract, as the window calls it: checked here, checked again in the core, its answer checked on the way back. */
  readonly dispatch: Dispatch = async (caller, method, payload) => {
    const call = checkCall(caller, method, payload);
    if (!call.ok) return call.refusal;
    if (!(await this.whenReady())) return { ok: false, error: STILL_RESTARTING };
    const result = await new Promise<Result<unknown>>((resolve) => {
      const id = this.nextCallId++;
      this.pending.set(id, { method: call.method, resolve });
      this.child?.channel.post({ kind: 'call', id, caller, method: call.method, payload: call.input });
    });
    return result;
  };

  /** `dispatch` with the contract's types, for the host's own calls. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    return this.dispatch(HOST_CALLER, method, input) as Promise<Result<MethodOutput<M>>>;
  }

  /** A caller's window closed or its socket dropped: the core ends what was its own (its manager session). */
  callerGone(callerId: string): void {
    if (this.ready) this.child?.channel.post({ kind: 'caller.gone', callerId });
  }

  /** Stops the core process the hard way, as a crash would (tests use it). */
  kill(): void {
    this.child?.kill();
  }

  /**
   * Closes the core: it sends nothing new, and an award in flight gets `graceMs` to finish. After that the process is
   * stopped; that award is then found SENDING at the next start and becomes UNKNOWN, as after a crash.
   */
  async close(graceMs = CLOSE_WAIT_MS): Promise<void> {
    this.closing = true;
    this.watchdog.stop();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    for (const off of this.unsubscribe.splice(0)) off();
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
    child.channel.post({ kind: 'close' });
    const timer = setTimeout(() => child.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private spawn(): void {
    const child = this.launch();
    this.child = child;
    this.ready = false;
    // Only a core that opens and then runs for a while counts as healthy for the restart back-off.
    this.startedAt = 0;
    child.channel.onMessage((raw) => {
      if (this.child !== child) return;
      this.watchdog.heard();
      const parsed = coreMessageSchema.safeParse(raw);
      if (parsed.success) this.receive(parsed.data);
      else this.unreadable(raw, parsed.error.issues[0]?.message ?? 'unknown');
    });
    child.onExit((exit) => {
      if (this.child === child) this.exited(exit);
    });
    child.channel.post({
      kind: 'init',
      init: {
        ...this.services.init,
        scanner: this.services.scanner?.status() ?? null,
        customerDisplay: this.displayInit(),
        logLevel: this.services.log.minLevel ?? 'debug',
      },
    });
  }

  private receive(message: CoreMessage): void {
    switch (message.kind) {
      case 'ready':
        this.opened();
        return;
      case 'failed':
        this.openFailed(message.message);
        return;
      case 'result':
        this.settle(message.id, message.result);
        return;
      case 'event':
        this.forwardEvent(message.name, message.payload, message.to);
        return;
      case 'request':
        void this.answer(message.id, message.request);
        return;
      case 'scanner.configure':
        this.configureScanner(message.settings);
        return;
      case 'display.monitors': {
        const display = this.services.customerDisplay;
        if (display?.kind === 'monitors') display.show(message.monitorIds);
        return;
      }
      case 'log':
        this.services.log[message.level](message.line);
        return;
      case 'pong':
      case 'closed':
        return;
    }
  }

  /** Dropped, and logged; a result that cannot be read still answers its call, or that call would wait for ever. */
  private unreadable(raw: unknown, why: string): void {
    this.services.log.warn(`core process: dropped a message that does not parse (${why})`);
    const id = (raw as { kind?: unknown; id?: unknown } | null)?.id;
    if ((raw as { kind?: unknown } | null)?.kind === 'result' && typeof id === 'number') this.settle(id, null);
  }

  private opened(): void {
    this.ready = true;
    this.startedAt = Date.now();
    this.watchdog.start();
    const restarted = this.firstStart === null;
    this.firstStart?.resolve();
    this.firstStart = null;
    if (restarted) {
      this.setStatus({ state: 'running', restarts: this.currentStatus.restarts + 1, lastRestartAt: Date.now(), problem: null });
      // The manager's session lived in the core that stopped: the window must show the PIN pad again.
      this.services.emit('manager.locked', {});
    } else {
      this.setStatus({ ...this.currentStatus, state: 'running', problem: null });
      // Once per host process: a restarted core's answers meet checks that are already compiled.
      void warmAnswerChecks();
    }
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  private openFailed(message: string): void {
    this.services.log.error(`core process: the core could not open: ${message}`);
    this.currentStatus = { ...this.currentStatus, problem: message };
    if (this.firstStart) {
      this.firstStart.reject(new Error(message));
      this.firstStart = null;
      this.closing = true;
    }
    this.child?.kill();
  }

  private exited(exit: { code: number | null; signal: string | null }): void {
    this.child = null;
    this.ready = false;
    this.watchdog.stop();
    for (const call of this.pending.values()) call.resolve({ ok: false, error: INTERRUPTED });
    this.pending.clear();
    if (this.closing) {
      for (const wake of this.readyWaiters.splice(0)) wake();
      return;
    }
    if (this.firstStart) {
      this.firstStart.reject(new Error(`Kaunter's core stopped while starting (${describeExit(exit)}).`));
      this.firstStart = null;
      this.closing = true;
      return;
    }
    const healthy = this.startedAt > 0 && Date.now() - this.startedAt > HEALTHY_AFTER_MS;
    this.failures = healthy ? 0 : this.failures + 1;
    const delay = this.restartDelaysMs[Math.min(this.failures, this.restartDelaysMs.length - 1)] ?? 1_000;
    this.services.log.error(`core process: stopped (${describeExit(exit)}); restarting in ${delay} ms`);
    this.setStatus({ ...this.currentStatus, state: 'restarting' });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.closing) this.spawn();
    }, delay);
  }

  private settle(id: number, raw: unknown): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    call.resolve(this.checkResult(call.method, raw));
  }

  /** The core's answer, parsed again on this side: a value through the method's output schema, an error through the error's. */
  private checkResult(method: MethodName, raw: unknown): Result<unknown> {
    const result = raw as { ok?: unknown; value?: unknown; error?: unknown } | null;
    if (result?.ok === true) return checkOutput(method, result.value, this.services.log);
    const error = contractErrorSchema.safeParse(result?.error);
    if (result?.ok === false && error.success) return { ok: false, error: error.data };
    this.services.log.error(`core process: ${method} answered with something that is not a result`);
    return { ok: false, error: said('INTERNAL', 'error.badAnswer') };
  }

  private forwardEvent(name: string, payload: unknown, to: string | undefined): void {
    if (!(EVENT_NAMES as readonly string[]).includes(name)) {
      this.services.log.warn(`core process: dropped an unknown event ${JSON.stringify(name).slice(0, 60)}`);
      return;
    }
    const event = name as EventName;
    const parsed = events[event].safeParse(payload);
    if (parsed.success) this.services.emit(event, parsed.data, to);
    else this.services.log.warn(`core process: dropped a ${event} event outside its schema`);
  }

  private async answer(id: number, request: PortRequest): Promise<void> {
    const child = this.child;
    let answer: PortAnswer;
    try {
      answer = { ok: true, value: await this.serve(request) };
    } catch (error) {
      answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    if (this.child === child) child?.channel.post({ kind: 'answer', id, answer });
  }

  private async serve(request: PortRequest): Promise<unknown> {
    switch (request.port) {
      case 'secrets.get': {
        const options = request.configured === undefined ? {} : { configured: request.configured };
        const read = await this.services.secrets(request.scope).get(request.name, options);
        if (read.state === 'found' && holdsSecret(request.name)) this.services.log.redactor.add(read.value);
        return secretOutcomeToWire(read);
      }
      case 'secrets.set':
        if (holdsSecret(request.name)) this.services.log.redactor.add(request.value);
        return secretOutcomeToWire(await this.services.secrets(request.scope).set(request.name, request.value));
      case 'secrets.delete':
        return secretOutcomeToWire(await this.services.secrets(request.scope).delete(request.name));
      case 'secrets.status':
        return secretOutcomeToWire(await this.services.secrets(request.scope).status());
      case 'scanner.devices':
        return (await this.services.scanner?.devices()) ?? [];
      case 'display.pairingCode': {
        const display = this.services.customerDisplay;
        if (display?.kind !== 'pairing') throw new Error('this host pairs no customer display');
        return display.pairingCode();
      }
      case 'trainingRm': {
        const training = await this.services.trainingRm();
        this.services.log.redactor.add(training.credentials.clientSecret);
        this.services.log.redactor.add(training.credentials.privateKeyPem);
        return training;
      }
    }
  }

  private configureScanner(settings: unknown): void {
    const parsed = scannerSettingsSchema.safeParse(settings);
    if (parsed.success) this.services.scanner?.configure(parsed.data);
    else this.services.log.warn('core process: ignored scanner settings outside their schema');
  }

  private displayInit(): CoreInit['customerDisplay'] {
    const display = this.services.customerDisplay;
    if (!display) return null;
    return display.kind === 'monitors' ? { kind: 'monitors', monitors: display.monitors() } : { kind: 'pairing' };
  }

  /** What the host's ports report goes to the running core: monitors plugged in or out, scans, the scanner's state. */
  private watchHostPorts(): void {
    const display = this.services.customerDisplay;
    if (display?.kind === 'monitors') this.unsubscribe.push(display.onMonitors((monitors) => this.child?.channel.post({ kind: 'monitors', monitors })));
    const scanner = this.services.scanner;
    if (!scanner) return;
    this.unsubscribe.push(
      // A scan while the core restarts is lost (the cashier scans again); the status is sent afresh with `init`.
      scanner.onScan((scan) => this.child?.channel.post({ kind: 'scan', scan: { text: scan.text, device: scan.device, symbology: scan.symbology } })),
      scanner.onStatus((status) => this.child?.channel.post({ kind: 'scanner.status', status })),
    );
  }

  private whenReady(): Promise<boolean> {
    if (this.ready) return Promise.resolve(true);
    if (this.closing) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, CALL_WAIT_MS);
      const wake = (): void => {
        clearTimeout(timer);
        resolve(this.ready);
      };
      this.readyWaiters.push(wake);
    });
  }

  private setStatus(status: CoreStatus): void {
    this.currentStatus = status;
    this.services.emit('core.status', status);
  }
}

function describeExit(exit: { code: number | null; signal: string | null }): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
}
