// `kaunter hub restore --merge`: support's way back for a counter put back from a backup copy of its database, which the
// hub refuses (app/sync/merge-with-hub.ts does it). Says what it did, and what to do next.
import { readCredentialFile, writeCredentialFile, type HubCredential } from '../sync/credential-file.ts';
import { openDatabase } from '../store/database.ts';
import { hubLink, type HubLink } from '../store/hub-sync.ts';
import { checkHubUrl, HubClient } from '../sync/hub-client.ts';
import { mergeCopyWithHub, type Merged } from '../sync/merge-with-hub.ts';
import { dbPathOf, type DeskCommandOptions } from './desk.ts';
import { counted, stateWords } from './format.ts';

export interface MergeCommandOptions extends Pick<DeskCommandOptions, 'db' | 'env'> {
  hub?: string;
  code?: string;
}

export async function runMerge(options: MergeCommandOptions): Promise<void> {
  const dbPath = dbPathOf({ ...options, terminal: '' });
  const { credential, savedTo } = await credentialFor(dbPath, options);
  if (savedTo) console.log(`the new head-office credential is saved to ${savedTo} (readable by this user only)`);
  const url = checkHubUrl(options.hub ?? credential.hub);
  const merged = await mergeCopyWithHub({
    dbPath,
    client: new HubClient(url, credential.credential),
    hubUrl: url,
    terminal: { hubTerminalId: credential.terminalId, outlet: credential.outlet, terminal: credential.terminal },
    onProgress: (n, phase) => process.stderr.write(`\r${`${phase} ${n} awards`.padEnd(32)}`),
  });
  process.stderr.write('\n');
  for (const line of mergeReport(merged, credential, savedTo !== null)) console.log(line);
}

/**
 * The terminal's credential: from a new code when given, else the one `kaunter hub join` left beside the database. The
 * app keeps its own in the keychain, which the command line cannot read; a code from head office stands in for it.
 */
async function credentialFor(dbPath: string, { hub, code }: MergeCommandOptions): Promise<{ credential: HubCredential; savedTo: string | null }> {
  if (code === undefined) {
    const saved = readCredentialFile(dbPath);
    if (saved) return { credential: saved, savedTo: null };
    throw new Error(
      'This database has no head-office credential beside it (the app keeps its own in the keychain, which the command line cannot read). Ask head office for a new code for this terminal (`kaunter hub enrol`), then run `kaunter hub restore --merge --hub URL --code CODE`. Nothing was changed.',
    );
  }
  if (!hub) throw new Error("Give the hub's address with --hub (or KAUNTER_HUB_URL) with --code.");
  const url = checkHubUrl(hub);
  // Looked at before the code is spent: a code used on a database that never joined would replace a credential for nothing.
  const ownTerminal = terminalOf(dbPath);
  if (!ownTerminal) throw new Error('This database has not joined a hub, so there is no record at head office to merge it with. Nothing was changed, and the code is still good.');
  const answer = await new HubClient(url, null).join(code);
  if (answer.kind !== 'ok') throw new Error(answer.message);
  const { terminalId, outlet, terminal, credential } = answer.value;
  if (ownTerminal.hubTerminalId !== terminalId) {
    throw new Error(
      `This code was for terminal "${terminal}" at ${outlet}, but this database is terminal "${ownTerminal.terminal}" at ${ownTerminal.outlet}: ask head office for a code for "${ownTerminal.terminal}". Nothing was changed here.`,
    );
  }
  // The code is spent and the app's credential replaced: the new one is kept at once, so a merge that stops (Kaunter
  // still running, the line dropping) is run again without a code.
  const joined = { hub: url, terminalId, outlet, terminal, credential };
  return { credential: joined, savedTo: writeCredentialFile(dbPath, joined) };
}

function terminalOf(dbPath: string): HubLink | null {
  const db = openDatabase(dbPath);
  try {
    return hubLink(db);
  } finally {
    db.close();
  }
}

function mergeReport(merged: Merged, credential: HubCredential, appCredentialReplaced: boolean): string[] {
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
    for (const { id, state, unclaimedQr } of settled) lines.push(`  ${id} (${stateWords(state, unclaimedQr)})`);
  }
  if (merged.changedOnCopy.length > 0) {
    lines.push(`${counted(merged.changedOnCopy.length, 'award')} voided or settled on this PC that head office never heard of (head office's state stands): a manager must read the kept file before settling them:`);
    for (const { id, copyState, state, unclaimedQr } of merged.changedOnCopy) lines.push(`  ${id} (this PC: ${copyState}, now: ${stateWords(state, unclaimedQr)})`);
  }
  lines.push(`the database as it was before the merge is kept as ${merged.keptAs}`);
  if (appCredentialReplaced) {
    lines.push("next: the code replaced the app's own credential: run `kaunter sync` to send the carried-over awards to head office, and join head office again in Kaunter's Settings with another new code");
  } else {
    lines.push('next: start Kaunter (or run `kaunter sync`) to send the carried-over awards to head office');
  }
  return lines;
}
