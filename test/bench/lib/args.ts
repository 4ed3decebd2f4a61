// The command line every benchmark takes: `--quick` for tiny sizes (a smoke check in seconds) and `--out-dir <dir>` for
// where the JSON result (and any cached fixture) goes, so a smoke test never overwrites a full run's figures.
import { resolve } from 'node:path';

export const DEFAULT_OUT_DIR = 'test-output/bench';

export interface BenchArgs {
  quick: boolean;
  outDir: string;
}

export class BenchArgsError extends Error {
  constructor(message: string) {
    super(`${message} Usage: node test/bench/<name>.bench.ts [--quick] [--out-dir <dir>]`);
    this.name = 'BenchArgsError';
  }
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let quick = false;
  let outDir = DEFAULT_OUT_DIR;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') {
      quick = true;
    } else if (arg === '--out-dir') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new BenchArgsError('--out-dir needs a folder.');
      outDir = value;
      i += 1;
    } else {
      throw new BenchArgsError(`Unknown argument "${arg}".`);
    }
  }
  return { quick, outDir: resolve(outDir) };
}
