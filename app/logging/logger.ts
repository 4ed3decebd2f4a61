// Kaunter's log: one line per thing worth knowing, with its level, in kaunter.log in the data folder (only this user may
// read it), rotated by size so a counter that runs for years never fills its disk. Every line passes the redactor
// first. Electron main, the browser host, the core's process (through its host) and the CLI all write through this.
import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../private-files.ts';
import { createRedactor, type Redactor } from './redact.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  readonly redactor: Redactor;
  /** The lowest level this log keeps, when it drops some: the core's own process then does not send what would be dropped. */
  readonly minLevel?: LogLevel;
}

export interface FileLoggerOptions {
  dir: string;
  file?: string;
  /** Lines below this level are dropped (KAUNTER_LOG_LEVEL; info by default). */
  minLevel?: LogLevel;
  /** The file is rotated (kaunter.log -> kaunter.log.1 ...) when it would grow past this. */
  maxBytes?: number;
  /** How many rotated files to keep. */
  keep?: number;
  /** Where a copy of each line goes as well (stderr by default; a test's collector). */
  echo?: ((line: string) => void) | null;
}

export const LOG_FILE = 'kaunter.log';
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_KEEP = 3;

export function logLevelFrom(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const wanted = env.KAUNTER_LOG_LEVEL?.toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(wanted ?? '') ? (wanted as LogLevel) : 'info';
}

export function fileLogger(options: FileLoggerOptions): Logger & { readonly path: string } {
  makePrivateFolder(options.dir);
  const path = join(options.dir, options.file ?? LOG_FILE);
  const minLevel = options.minLevel ?? logLevelFrom();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_KEEP;
  const echo = options.echo === undefined ? (line: string) => console.error(line) : options.echo;
  const redactor = createRedactor();
  let size = existsSync(path) ? statSync(path).size : 0;

  const write = (level: LogLevel, line: string): void => {
    if (!levelKept(level, minLevel)) return;
    const text = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${oneLine(redactor.redact(line))}\n`;
    echo?.(text.trimEnd());
    try {
      if (size > 0 && size + Buffer.byteLength(text) > maxBytes) {
        rotate(path, keep);
        size = 0;
      }
      appendFileSync(path, text, { mode: PRIVATE_FILE_MODE });
      size += Buffer.byteLength(text);
    } catch {
      // A log that cannot be written must not stop the counter.
    }
  };
  return {
    path,
    redactor,
    minLevel,
    debug: (line) => write('debug', line),
    info: (line) => write('info', line),
    warn: (line) => write('warn', line),
    error: (line) => write('error', line),
  };
}

/**
 * A Logger over any sink (the core's channel to its host, a test's list), redacting as the file logger does. `keeps`
 * says which levels go to the sink at all; a line it refuses is neither redacted nor sent.
 */
export function sinkLogger(sink: (level: LogLevel, line: string) => void, redactor: Redactor = createRedactor(), keeps: (level: LogLevel) => boolean = () => true): Logger {
  const to = (level: LogLevel) => (line: string) => {
    if (keeps(level)) sink(level, redactor.redact(line));
  };
  return { redactor, debug: to('debug'), info: to('info'), warn: to('warn'), error: to('error') };
}

/** Whether a line at `level` is kept by a log that keeps `minLevel` and above. */
export function levelKept(level: LogLevel, minLevel: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(minLevel);
}

/** For hosts and tests that keep no log. */
export function silentLogger(): Logger {
  return sinkLogger(() => undefined);
}

/** One entry, one line: text from outside (an error message, RM's words) cannot forge the next line of the log. */
function oneLine(text: string): string {
  let out = '';
  for (const char of text.replace(/\r?\n/g, ' ⏎ ')) {
    const code = char.charCodeAt(0);
    out += (code < 0x20 && code !== 0x09) || code === 0x7f ? '\uFFFD' : char;
  }
  return out;
}

/** kaunter.log.2 -> .3 (the oldest beyond `keep` goes), .1 -> .2, kaunter.log -> .1. */
function rotate(path: string, keep: number): void {
  rmSync(`${path}.${keep}`, { force: true });
  for (let n = keep - 1; n >= 1; n -= 1) {
    if (existsSync(`${path}.${n}`)) renameSync(`${path}.${n}`, `${path}.${n + 1}`);
  }
  renameSync(path, `${path}.1`);
}
