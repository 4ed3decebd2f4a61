// Quitting without losing an award: closing the window or quitting the app asks first when awards are still queued
// (send them now, or quit and send them at the next start); an award in flight gets up to 10 seconds to finish while
// the core closes; an OS shutdown or log-off never waits on a question. Electron's quit events reach this through
// QuitLifecycle, so the same logic runs, and is tested, without Electron.
import type { MethodInput, MethodName, MethodOutput, Result } from '../../app/contract.ts';
import type { Logger } from '../../app/logging/logger.ts';

/** What the app's lifecycle tells the guard, and the one thing the guard tells it. */
export interface QuitLifecycle {
  /** The window is closing or the app is quitting; `cancel()` keeps it running. */
  onQuitRequested(handler: (request: { cancel(): void }) => void): void;
  /** The OS is shutting down or logging off: close now, ask nothing. */
  onShutdown(handler: () => void): void;
  /** Leave now, with no more quit events. */
  exit(): void;
}

export type QueuedChoice = 'send' | 'quit' | 'stay';

/** Asks the cashier what to do with awards that have not been sent (a native dialog in Electron). */
export interface QueuedPrompt {
  ask(queued: number, language: 'en' | 'ms' | 'zh'): Promise<QueuedChoice>;
}

/** The core, as the guard needs it. */
export interface QuitCore {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Closes the core, giving an award in flight this long to finish. */
  close(graceMs: number): Promise<void>;
}

export const IN_FLIGHT_GRACE_MS = 10_000;
/** An OS shutdown waits for us only a few seconds (logind's default limit is 5): the award in flight gets less. */
export const SHUTDOWN_GRACE_MS = 4_000;
/** A core that does not answer the guard's questions in this time is taken to have nothing to say. */
const ASK_CORE_MS = 3_000;

export class QuitGuard {
  private state: 'running' | 'asking' | 'closing' = 'running';

  private readonly core: QuitCore;
  private readonly prompt: QueuedPrompt;
  private readonly lifecycle: QuitLifecycle;
  private readonly log: Logger;
  private readonly graceMs: number;
  constructor(
    core: QuitCore,
    prompt: QueuedPrompt,
    lifecycle: QuitLifecycle,
    log: Logger,
    graceMs: number = IN_FLIGHT_GRACE_MS,
  ) {
    this.core = core;
    this.prompt = prompt;
    this.lifecycle = lifecycle;
    this.log = log;
    this.graceMs = graceMs;
    lifecycle.onQuitRequested((request) => {
      // While closing, a second click or Ctrl+Q must not cut the award in flight short: the guard exits by itself.
      request.cancel();
      if (this.state === 'running') void this.quitRequested();
    });
    lifecycle.onShutdown(() => void this.closeAndExit('the OS is shutting down or logging off', SHUTDOWN_GRACE_MS));
  }

  private async quitRequested(): Promise<void> {
    this.state = 'asking';
    const queued = await this.queuedCount();
    if (this.state !== 'asking') return;
    if (queued > 0) {
      const choice = await this.prompt.ask(queued, await this.language());
      if (this.state !== 'asking') return;
      if (choice !== 'quit') {
        this.state = 'running';
        if (choice === 'send') await this.core.call('queue.retryNow', {});
        return;
      }
    }
    await this.closeAndExit(queued > 0 ? `quitting with ${queued} awards queued for the next start` : 'quitting');
  }

  private async closeAndExit(reason: string, graceMs = this.graceMs): Promise<void> {
    if (this.state === 'closing') return;
    this.state = 'closing';
    this.log.info(`quit: ${reason}`);
    try {
      await this.core.close(graceMs);
    } catch (error) {
      this.log.error(`quit: closing failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.lifecycle.exit();
    }
  }

  /** Queued awards (SENDING is the award in flight: the grace period is for it). A core that cannot answer: none known. */
  private async queuedCount(): Promise<number> {
    const status = await this.askCore('queue.status');
    return status?.ok ? status.value.queued : 0;
  }

  private async language(): Promise<'en' | 'ms' | 'zh'> {
    const settings = await this.askCore('settings.get');
    return settings?.ok ? settings.value.language : 'en';
  }

  /** A stuck core must not keep Kaunter from quitting: after a few seconds the answer is "nothing known". */
  private askCore<M extends 'queue.status' | 'settings.get'>(method: M): Promise<Result<MethodOutput<M>> | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ASK_CORE_MS)));
    return Promise.race([this.core.call(method, {} as MethodInput<M>), timeout]).finally(() => clearTimeout(timer));
  }
}
