// A scratch folder for one benchmark run, inside the output folder (the disk the figures are about), removed afterwards.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkDir {
  path: string;
  remove(): void;
}

export function makeWorkDir(outDir: string, benchmark: string): WorkDir {
  mkdirSync(outDir, { recursive: true });
  const path = mkdtempSync(join(outDir, `${benchmark}-work-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
