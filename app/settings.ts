// The terminal's settings: one small JSON file in Kaunter's data folder, written atomically (temp file, fsync, rename)
// so a power cut never leaves half a file. Nothing secret lives here: secrets are in the OS keychain, and the manager
// PIN and recovery code only as slow salted hashes (the PIN's peppered with a key from the keychain).
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { say } from './messages.ts';
import { isKaunterFile } from './paths.ts';
import { replaceFile, securePrivateFolder } from './private-files.ts';
import { withoutUnusablePatterns, type SetAsidePattern } from './scanner/identity-rules.ts';
import { scannerSettingsSchema } from './scanner/scanner-settings.ts';

/**
 * Written into the file as settingsVersion. Raise it when this Kaunter starts writing a value an older one would refuse
 * (a new language or environment, a wider range): an older Kaunter that cannot read such a file then says it was
 * written by a newer Kaunter, rather than telling the IT person to fix a file that is not wrong. New keys alone need
 * no raise: an older Kaunter keeps keys it does not know.
 */
const SETTINGS_VERSION = 1;
/** The version of a file written before settingsVersion was. */
const UNVERSIONED = 1;

/**
 * Records this Kaunter replaces whole (a new PIN hash, a newly imported RM key): a newer Kaunter's extra fields in one
 * describe the record it made, so they are written back only while the record is still that one.
 */
const WHOLE_RECORDS = new Set(['manager.pin', 'manager.recovery', 'rm.sandbox', 'rm.production']);

/**
 * Keys an older Kaunter wrote and this one retired: not a newer Kaunter's, so not kept. The cashier at the counter is
 * the open shift now, and the PIN's lockout is counted on a monotonic clock (lockoutLeftMs).
 */
const RETIRED_KEYS = new Set(['currentCashier', 'cashierChosenDay', 'manager.lockedUntilMs']);

const pinHashSchema = z.object({
  algorithm: z.literal('scrypt'),
  /** HMAC'd with the keychain's pinPepper before scrypt (hashes from before the pepper: false, re-made at unlock). */
  peppered: z.boolean().default(false),
  salt: z.string(),
  hash: z.string(),
  n: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
});
export type PinHash = z.infer<typeof pinHashSchema>;

const rmAppSchema = z.object({
  clientId: z.string().nullable().default(null),
  keyFingerprint: z.string().nullable().default(null),
  publicKeyPem: z.string().nullable().default(null),
  secretSet: z.boolean().default(false),
});

export const settingsFileSchema = z.object({
  environment: z.enum(['training', 'sandbox', 'production']).default('training'),
  language: z.enum(['en', 'ms', 'zh']).default('en'),
  storeName: z.string().max(60).default(''),
  terminalName: z.string().max(60).default(''),
  terminalId: z.string().default(() => randomUUID()),
  /** Who may pick their name at the counter; who is at it is the open shift (app/shifts/), not a setting. */
  cashiers: z.array(z.string().max(60)).max(50).default([]),
  retentionDays: z.number().int().min(30).max(3650).nullable().default(null),
  /** A short sound for each outcome at the counter (awarded, waiting, refused). */
  sounds: z.boolean().default(true),
  scannerMode: z.enum(['hid', 'keyboard']).default('hid'),
  scannerRules: scannerSettingsSchema.prefault({}),
  setupComplete: z.boolean().default(false),
  manager: z
    .object({
      name: z.string().max(60).nullable().default(null),
      pin: pinHashSchema.nullable().default(null),
      /** The owner's recovery code, which sets a new PIN when it is lost or the pad is locked. */
      recovery: pinHashSchema.nullable().default(null),
      failedAttempts: z.number().int().min(0).default(0),
      /** Lockout still to run and quiet time since the last wrong PIN, counted on a monotonic clock while Kaunter
       * runs (turning the PC's clock changes neither) and saved at least once a minute. */
      lockoutLeftMs: z.number().int().min(0).default(0),
      quietMs: z.number().int().min(0).default(0),
    })
    .prefault({}),
  /** Not secret: the client id and the fingerprint of the key that settings say is in the keychain, per environment. */
  rm: z.object({ sandbox: rmAppSchema.prefault({}), production: rmAppSchema.prefault({}) }).prefault({}),
  /** The monitors chosen for the customer display, by Electron's display id, the latest choice first: a chosen monitor
   * that is plugged in again gets the customer display back. */
  customerDisplay: z.object({ monitorIds: z.array(z.number().int()).max(20).default([]) }).prefault({}),
  /**
   * The shop's spending rule as RM's figures have narrowed it (app/awards/points.ts), for an estimate when offline: at
   * least lastKnownPointsPerSen points per sen, and below pointsPerSenBelow (null: from before it was kept).
   */
  lastKnownPointsPerSen: z.number().nonnegative().nullable().default(null),
  pointsPerSenBelow: z.number().positive().nullable().default(null),
});
export type Settings = z.infer<typeof settingsFileSchema>;

/** The file as it was read: what this Kaunter made of it, and all of it, keys it does not know included. */
interface AsRead {
  file: unknown;
  version: number;
  settings: Settings;
}

export class SettingsStore {
  private current: Settings;
  private asRead: AsRead | null = null;
  readonly path: string;
  /** The patterns an older settings file held that this Kaunter cannot use and has set aside: logged at start and
   * shown to the manager in Settings. */
  readonly setAside: SetAsidePattern[] = [];
  private readonly listeners = new Set<(settings: Settings) => void>();

  /** Opening the settings is where Kaunter starts: the data folder is made private (or narrowed to that) first. */
  constructor(dataDir: string) {
    securePrivateFolder(dataDir, isKaunterFile);
    this.path = join(dataDir, 'settings.json');
    this.current = this.read();
    if (!existsSync(this.path)) this.write(this.current);
  }

  get value(): Settings {
    return this.current;
  }

  update(change: (settings: Settings) => Settings): Settings {
    const next = settingsFileSchema.parse(change(structuredClone(this.current)));
    this.write(next);
    this.current = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  /** Called after every change is written; returns the unsubscribe. */
  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private read(): Settings {
    if (!existsSync(this.path)) return settingsFileSchema.parse({});
    let raw: unknown;
    try {
      raw = JSON.parse(withoutByteOrderMark(readFileSync(this.path, 'utf8')));
    } catch (error) {
      throw new SettingsFileError(this.path, `it is not valid JSON (${(error as Error).message})`);
    }
    const version = this.versionOf(raw);
    const parsed = settingsFileSchema.safeParse(this.setAsideUnusablePatterns(raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // An issue with no path is the file as a whole (null, a list): there is no field to name.
      const problem = issue?.path.length
        ? `${issue.path.join('.')}: ${issue.message}`
        : `the whole file must be one JSON object, { ... } (${issue?.message ?? 'invalid'})`;
      throw version > SETTINGS_VERSION ? new SettingsFileError(this.path, problem, say('store.too-new')) : new SettingsFileError(this.path, problem);
    }
    this.asRead = { file: raw, version, settings: parsed.data };
    return parsed.data;
  }

  private versionOf(raw: unknown): number {
    const version = objectOrNull(raw)?.settingsVersion ?? UNVERSIONED;
    if (!Number.isInteger(version) || (version as number) < 1) throw new SettingsFileError(this.path, 'settingsVersion: expected a whole number from 1 up');
    return version as number;
  }

  /** The file itself is left as it is: the next save writes it without them. */
  private setAsideUnusablePatterns(raw: unknown): unknown {
    const identity = objectAt(objectAt(raw, 'scannerRules'), 'identity');
    if (!identity) return raw;
    const { rules, dropped } = withoutUnusablePatterns(identity);
    if (dropped.length === 0) return raw;
    this.setAside.push(...dropped);
    const scannerRules = objectAt(raw, 'scannerRules') as Record<string, unknown>;
    return { ...(raw as Record<string, unknown>), scannerRules: { ...scannerRules, identity: rules } };
  }

  /** A file from a newer Kaunter keeps what that Kaunter wrote and this one does not know, and its higher version. */
  private write(settings: Settings): void {
    const known = { settingsVersion: Math.max(SETTINGS_VERSION, this.asRead?.version ?? SETTINGS_VERSION), ...settings };
    const written = this.asRead ? withUnknownKeys(this.asRead.file, this.asRead.settings, known, '') : known;
    replaceFile(this.path, `${JSON.stringify(written, null, 2)}\n`);
  }
}

/**
 * `now` with the keys of `file` it does not have (but the retired ones), at every depth of objects (inside lists, items are written as this
 * Kaunter knows them). Every key this Kaunter knows is in `now`, each object field having a default, so none of them is
 * taken from the file. `before` is what this Kaunter read from `file`: a whole record it has since changed is written
 * as it is now.
 */
function withUnknownKeys(file: unknown, before: unknown, now: unknown, path: string): unknown {
  const fileObject = objectOrNull(file);
  const nowObject = objectOrNull(now);
  if (!fileObject || !nowObject) return now;
  if (WHOLE_RECORDS.has(path) && JSON.stringify(before) !== JSON.stringify(now)) return now;
  const written: Record<string, unknown> = { ...nowObject };
  for (const [key, value] of Object.entries(fileObject)) {
    const keyPath = path ? `${path}.${key}` : key;
    if (RETIRED_KEYS.has(keyPath)) continue;
    written[key] = key in nowObject ? withUnknownKeys(value, objectOrNull(before)?.[key], nowObject[key], keyPath) : value;
  }
  return written;
}

/**
 * Windows PowerShell 5 (`Set-Content -Encoding UTF8`) and older Notepad start the file with a byte-order mark when the
 * IT person edits it as the README says; JSON.parse would refuse it, quoting a character nobody can see.
 */
function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function objectAt(value: unknown, key: string): Record<string, unknown> | null {
  return objectOrNull(objectOrNull(value)?.[key]);
}

function objectOrNull(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const FIX_THAT_FILE =
  'Fix that file, then start Kaunter again (the awards database is separate and safe). ' +
  'Removing it instead starts Kaunter afresh in training mode, without the manager PIN and recovery code, the cashiers or the Revenue Monster client IDs.';

export class SettingsFileError extends Error {
  constructor(path: string, problem: string, advice: string = FIX_THAT_FILE) {
    super(`Kaunter's settings file ${path} cannot be read: ${problem}. ${advice}`);
    this.name = 'SettingsFileError';
  }
}
