// CSV from a command: to standard output, or with --out into a file readable by its owner only, saying once on stderr
// what it wrote (and, where a person watches a terminal, how far it has got).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { privateWriteStream } from '../private-files.ts';
import { counted } from './format.ts';

export type Progress = (done: number, total: number) => void;

/** `noun` is one of what the rows are ("award"): the closing line counts them in words, "1 award", "3 awards". */
export async function printCsv(outPath: string | undefined, noun: string, write: (out: Writable, progress: Progress | undefined) => Promise<number>): Promise<void> {
  const out = outPath ? privateWriteStream(outPath, 'w') : process.stdout;
  // Progress only where a person watches it: on a terminal, redrawn in place; never in a redirected log.
  const progress = outPath && process.stderr.isTTY ? (done: number, total: number) => void process.stderr.write(`\r\x1b[Kexported ${done} of ${total}`) : undefined;
  const rows = await write(out, progress);
  if (outPath) {
    out.end();
    await once(out, 'finish');
    process.stderr.write(`${progress ? '\r\x1b[K' : ''}exported ${counted(rows, noun)} to ${outPath}\n`);
  }
}
