// `kaunter hub restore --merge`: support's way back for a counter put back from a backup copy of its database, which the
// hub refuses (app/sync/merge-with-hub.ts does it). Says what it did, and what to do next.
import { readCredentialFile, type HubCredential } from '../sync/credential-file.ts';
import { checkHubUrl, HubClient } from '../sync/hub-client.ts';
import { mergeCopyWithHub, type Merged } from '../sync/merge-with-hub.ts';
import { dbPathOf, type DeskCommandOptions } from './desk.ts';
import { counted } from './format.ts';

export async function runMerge(options: Pick<DeskCommandOptions, 'db' | 'env'> & { hub?: string }): Promise<void> {
  const dbPath = dbPathOf({ ...options, terminal: '' });
  const credential = readCredentialFile(dbPath);
  if (!credential) throw new Error('This database has not joined a hub from a shell (no credential beside it): run `kaunter hub join --hub URL --code CODE` on a copy of it first, or ask head office for a new code.');
  const url = checkHubUrl(options.hub ?? credential.hub);
  const merged = await mergeCopyWithHub({
    dbPath,
    client: new HubClient(url, credential.credential),
    hubUrl: url,
    terminal: { hubTerminalId: credential.terminalId, outlet: credential.outlet, terminal: credential.terminal },
    onProgress: (n, phase) => process.stderr.write(`\r${`${phase} ${n} awards`.padEnd(32)}`),
  });
  process.stderr.write('\n');
  for (const line of mergeReport(merged, credential)) console.log(line);
}

function mergeReport(merged: Merged, credential: HubCredential): string[] {
  const terminal = `terminal "${credential.terminal}" at "${credential.outlet}"`;
  if (merged.kind === 'in-step') {
    return [`This database holds everything head office has of ${terminal}: nothing to merge, nothing changed. \`kaunter sync\` sends what head office has not heard yet.`];
  }
  const lines = [
    `restored ${counted(merged.restored, 'award')} of ${terminal} from head office`,
    `carried over ${counted(merged.awards, 'award')} made on this PC since it was put back${merged.queued > 0 ? ` (${merged.queued} waiting to be sent: they go to RM as usual)` : ''}`,
  ];
  const settled = merged.sentFromCopy.filter(({ state }) => state !== 'UNKNOWN');
  if (merged.unknown > 0) lines.push(`${counted(merged.unknown, 'award')} held for a manager (UNKNOWN): see \`kaunter queue\`, and settle each with \`kaunter resolve\``);
  if (settled.length > 0) {
    lines.push(`${counted(settled.length, 'award')} settled at head office this PC also sent (its attempts are kept): a manager must check the member's RM history for points given twice:`);
    for (const { id, state } of settled) lines.push(`  ${id} (${state})`);
  }
  lines.push(`the database as it was before the merge is kept as ${merged.keptAs}`);
  lines.push('next: start Kaunter (or run `kaunter sync`) to send the carried-over awards to head office');
  return lines;
}
