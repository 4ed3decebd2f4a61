// The core's ports when it runs in its own process: each one a request to the host over the channel, answered with
// plain data that is parsed before the core trusts it. The keychain, the USB scanners and training's sandbox stay in
// the host; the core only ever sees their answers.
import { z } from 'zod';
import { foundDeviceSchema } from '../contract.ts';
import type { CustomerDisplayPort, Monitor, PairingCode, ScannerPort, TrainingRm } from '../core/ports.ts';
import type { FoundDevice, ScanEvent, ScannerStatus } from '../scanner/scanner-events.ts';
import type { ScannerSettings } from '../scanner/scanner-settings.ts';
import { keychainServiceName, type KeychainScope, type SecretStore } from '../secrets.ts';
import type { ChannelEnd, PortAnswer, PortRequest } from './protocol.ts';
import {
  secretDeleteFromWire,
  secretReadFromWire,
  secretStatusFromWire,
  secretWriteFromWire,
  unreachableKeychain,
} from './secret-wire.ts';

/** Numbered requests to the host, each settled by the host's answer with the same number. */
export class PortClient {
  private nextId = 0;
  private readonly waiting = new Map<number, (answer: PortAnswer) => void>();

  private readonly channel: ChannelEnd;
  constructor(channel: ChannelEnd) {
    this.channel = channel;
  }

  request(request: PortRequest): Promise<PortAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.channel.post({ kind: 'request', id, request });
    });
  }

  settle(id: number, answer: PortAnswer): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(answer);
  }
}

export function remoteSecrets(client: PortClient, scope: KeychainScope): SecretStore {
  const ask = async <T>(request: PortRequest, fromWire: (value: unknown) => T, unreachable: (message: string) => T): Promise<T> => {
    const answer = await client.request(request);
    if (!answer.ok) return unreachable(answer.message);
    try {
      return fromWire(answer.value);
    } catch {
      return unreachable('the answer could not be read');
    }
  };
  const failed = (message: string) => ({ ok: false as const, error: unreachableKeychain(message) });
  return {
    service: keychainServiceName(scope),
    get: (name, options) =>
      ask({ port: 'secrets.get', scope, name, ...(options?.configured === undefined ? {} : { configured: options.configured }) }, secretReadFromWire, (message) => ({
        state: 'unavailable',
        error: unreachableKeychain(message),
      })),
    set: (name, value) => ask({ port: 'secrets.set', scope, name, value }, secretWriteFromWire, failed),
    delete: (name) => ask({ port: 'secrets.delete', scope, name }, secretDeleteFromWire, failed),
    status: () => ask({ port: 'secrets.status', scope }, secretStatusFromWire, (message) => ({ state: 'unavailable', error: unreachableKeychain(message) })),
  };
}

const trainingRmSchema = z.object({
  url: z.string(),
  credentials: z.object({ clientId: z.string(), clientSecret: z.string(), privateKeyPem: z.string() }),
});

export function remoteTrainingRm(client: PortClient): () => Promise<TrainingRm> {
  return async () => {
    const answer = await client.request({ port: 'trainingRm' });
    if (!answer.ok) throw new Error(`Training mode's built-in Revenue Monster could not start: ${answer.message}`);
    return trainingRmSchema.parse(answer.value);
  };
}

/** The host's scanners, as the core sees them: the latest status the host sent, its scans, and the device list. */
export class RemoteScanner implements ScannerPort {
  private readonly scanListeners = new Set<(scan: ScanEvent) => void>();
  private readonly statusListeners = new Set<(status: ScannerStatus) => void>();

  private readonly client: PortClient;
  private readonly channel: ChannelEnd;
  private latest: ScannerStatus;
  constructor(
    client: PortClient,
    channel: ChannelEnd,
    latest: ScannerStatus,
  ) {
    this.client = client;
    this.channel = channel;
    this.latest = latest;
  }

  status(): ScannerStatus {
    return this.latest;
  }

  async devices(): Promise<FoundDevice[]> {
    const answer = await this.client.request({ port: 'scanner.devices' });
    const parsed = answer.ok ? z.array(foundDeviceSchema).safeParse(answer.value) : null;
    return parsed?.success ? parsed.data : [];
  }

  configure(settings: ScannerSettings): void {
    this.channel.post({ kind: 'scanner.configure', settings });
  }

  onScan(listener: (scan: ScanEvent) => void): () => void {
    this.scanListeners.add(listener);
    return () => this.scanListeners.delete(listener);
  }

  onStatus(listener: (status: ScannerStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  deliverScan(scan: ScanEvent): void {
    this.scanListeners.forEach((listener) => listener(scan));
  }

  deliverStatus(status: ScannerStatus): void {
    this.latest = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}

/** The desktop host's monitors, as the core sees them: the latest list the host sent; choices go back to the host. */
export class RemoteMonitors {
  readonly kind = 'monitors';
  private readonly listeners = new Set<(monitors: Monitor[]) => void>();

  private readonly channel: ChannelEnd;
  private latest: Monitor[];
  constructor(
    channel: ChannelEnd,
    latest: Monitor[],
  ) {
    this.channel = channel;
    this.latest = latest;
  }

  monitors(): Monitor[] {
    return this.latest;
  }

  onMonitors(listener: (monitors: Monitor[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  show(monitorIds: readonly number[]): void {
    this.channel.post({ kind: 'display.monitors', monitorIds: [...monitorIds] });
  }

  deliver(monitors: Monitor[]): void {
    this.latest = monitors;
    this.listeners.forEach((listener) => listener(monitors));
  }
}

const pairingCodeSchema = z.object({ code: z.string().max(20), expiresInMs: z.number().int().positive() });

/** The browser host's pairing of a customer display page: the code is made (and later checked) by the host. */
export function remotePairing(client: PortClient): CustomerDisplayPort {
  return {
    kind: 'pairing',
    async pairingCode(): Promise<PairingCode> {
      const answer = await client.request({ port: 'display.pairingCode' });
      if (!answer.ok) throw new Error(`No pairing code could be made: ${answer.message}`);
      return pairingCodeSchema.parse(answer.value);
    },
  };
}
