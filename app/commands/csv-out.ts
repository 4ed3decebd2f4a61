// Where `--csv` goes: standard output, or with `--out FILE` a private file (0600: awards name members), with progress
// only where a person watches it (a terminal, redrawn in place; never in a redirected log). Shared by `kaunter history`
// and `kaunter hub history`.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { privateWriteStream } from '../private-files.ts';

export type CsvProgress = (done: number, total: number) => void;

export async function writeCsv(outPath: string | undefined, write: (out: Writable, onProgress?: CsvProgress) => Promise<number>): Promise<void> {
  if (!outPath) {
    await write(process.stdout);
    return;
  }
  const out = privateWriteStream(outPath, 'w');
  const progress = process.stderr.isTTY ? (done: number, total: number) => void process.stderr.write(`\r\x1b[Kexported ${done} of ${total}`) : undefined;
  const rows = await write(out, progress);
  out.end();
  await once(out, 'finish');
  process.stderr.write(`${progress ? '\r\x1b[K' : ''}exported ${rows} awards to ${outPath}\n`);
}
