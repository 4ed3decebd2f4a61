// What the host (Electron main, the browser host) and the core's own process say to each other over their message
// channel. Every message is plain data, and each end parses what it receives with these schemas before acting on it:
// a message that does not parse is dropped and logged, never half-handled.
import { z } from 'zod';
import { callerSchema, scannerStatusSchema, scannerDeviceSchema } from '../contract.ts';
import { LOG_LEVELS } from '../logging/logger.ts';
import { SECRET_NAMES } from '../secrets.ts';

const id = z.number().int().nonnegative();
const rmHostsSchema = z.object({ apiUrl: z.string(), oauthUrl: z.string() });
/** Which keychain entry: an RM environment's secrets, or the terminal's own (the PIN's pepper). */
const scope = z.enum(['sandbox', 'production', 'terminal']);

const monitorSchema = z.object({ id: z.number().int(), label: z.string().max(200), width: z.number().int().positive(), height: z.number().int().positive(), counter: z.boolean() });
export const monitorsSchema = z.array(monitorSchema).max(20);

/** What the core needs to know that only the host knows; sent once, first. */
export const coreInitSchema = z.object({
  dataDir: z.string().min(1),
  host: z.enum(['electron', 'browser']),
  version: z.string(),
  downloadsDir: z.string().min(1),
  rmHosts: z.object({ sandbox: rmHostsSchema.optional(), production: rmHostsSchema.optional() }),
  /** The host's scanner as it stands now; null when this host cannot reach USB scanners. */
  scanner: scannerStatusSchema.nullable(),
  /** How this host shows a customer display (with the monitors attached now), or null when it shows none. */
  customerDisplay: z
    .discriminatedUnion('kind', [z.object({ kind: z.literal('monitors'), monitors: monitorsSchema }), z.object({ kind: z.literal('pairing') })])
    .nullable()
    .default(null),
  /** The lowest level the host's log keeps: the core sends nothing below it (a drain logs each award's every step at debug). */
  logLevel: z.enum(LOG_LEVELS).default('debug'),
});
export type CoreInit = z.infer<typeof coreInitSchema>;

/** The host's answer to one of the core's port requests: a value, or why there is none. */
export const portAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type PortAnswer = z.infer<typeof portAnswerSchema>;

const scanSchema = z.object({ text: z.string(), device: scannerDeviceSchema, symbology: z.string() });

export const hostMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('init'), init: coreInitSchema }),
  /** A contract call, with its caller as the host named it (the core checks the role and keeps sessions by it). */
  z.object({ kind: z.literal('call'), id, caller: callerSchema, method: z.string(), payload: z.unknown() }),
  /** That caller's window closed or its socket dropped: its manager session ends. */
  z.object({ kind: z.literal('caller.gone'), callerId: callerSchema.shape.id }),
  z.object({ kind: z.literal('answer'), id, answer: portAnswerSchema }),
  z.object({ kind: z.literal('scan'), scan: scanSchema }),
  z.object({ kind: z.literal('scanner.status'), status: scannerStatusSchema }),
  z.object({ kind: z.literal('ping'), id }),
  z.object({ kind: z.literal('close') }),
  /** The monitors attached changed (one plugged in or out). */
  z.object({ kind: z.literal('monitors'), monitors: monitorsSchema }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/** What the core asks the host for: the keychain, the scanner list, training's sandbox. */
export const portRequestSchema = z.discriminatedUnion('port', [
  z.object({ port: z.literal('secrets.get'), scope, name: z.enum(SECRET_NAMES), configured: z.boolean().optional() }),
  z.object({ port: z.literal('secrets.set'), scope, name: z.enum(SECRET_NAMES), value: z.string() }),
  z.object({ port: z.literal('secrets.delete'), scope, name: z.enum(SECRET_NAMES) }),
  z.object({ port: z.literal('secrets.status'), scope }),
  z.object({ port: z.literal('scanner.devices') }),
  z.object({ port: z.literal('trainingRm') }),
  z.object({ port: z.literal('display.pairingCode') }),
]);
export type PortRequest = z.infer<typeof portRequestSchema>;

export const coreMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('failed'), message: z.string() }),
  z.object({ kind: z.literal('result'), id, result: z.unknown() }),
  /** `to`: the one caller the event is addressed to; without it, every caller whose role may hear it. */
  z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown(), to: callerSchema.shape.id.optional() }),
  z.object({ kind: z.literal('request'), id, request: portRequestSchema }),
  z.object({ kind: z.literal('scanner.configure'), settings: z.unknown() }),
  /** The monitors chosen for the customer display, the latest choice first: the host puts its window on one attached. */
  z.object({ kind: z.literal('display.monitors'), monitorIds: z.array(z.number().int()).max(20) }),
  z.object({ kind: z.literal('log'), level: z.enum(LOG_LEVELS), line: z.string() }),
  z.object({ kind: z.literal('pong'), id }),
  z.object({ kind: z.literal('closed') }),
]);
export type CoreMessage = z.infer<typeof coreMessageSchema>;

/** One end of the channel: a Node child's IPC, an Electron utility process's parent port, or a test's pair. */
export interface ChannelEnd {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

/** The core's end, which must get its last messages out before its process exits. */
export interface FlushableChannelEnd extends ChannelEnd {
  flush(): Promise<void>;
}
