// Bringing a counter put back from a backup copy back in step from the app (Settings > Head office): the merge of
// `kaunter hub restore --merge` (app/sync/merge-with-hub.ts), with the credential the app keeps in the keychain, which the
// command line cannot read. KaunterCore.mergeWithHub closes the environment around it (the merge needs the relay lock).
import { basename } from 'node:path';
import type { HubLastMerge, HubMerged } from '../contract.ts';
import { RelayLock } from '../awards/relay-lock.ts';
import { say } from '../messages.ts';
import type { SecretStore } from '../secrets.ts';
import type { Db } from '../store/database.ts';
import { hubLink, type HubLink } from '../store/hub-sync.ts';
import { HubClient } from '../sync/hub-client.ts';
import { mergeCopyWithHub, type Merged } from '../sync/merge-with-hub.ts';
import { RestoreError, type RestoreOptions } from '../sync/restore.ts';
import { Refusal } from './failure.ts';

/** What the merge needs besides the database, read while the environment still runs. */
export interface MergePlan {
  link: HubLink;
  credential: string;
}

/**
 * The database's own link and the keychain's credential for it. Everything that can refuse before the environment
 * closes refuses here: the counter goes on as it was, and the manager is told what to do.
 */
export async function planMerge(db: Db, secrets: SecretStore): Promise<MergePlan> {
  const link = hubLink(db);
  if (!link) throw Refusal.say('NOT_ALLOWED', 'hub.mergeNotNeeded');
  const read = await secrets.get('hubCredential', { configured: true });
  if (read.state === 'unavailable') throw Refusal.keychain(read.error);
  if (read.state !== 'found') throw Refusal.say('NOT_CONFIGURED', 'hub.mergeNoCredential');
  // The keychain holds one credential per environment, and another data folder on this PC may have joined as another
  // terminal since: merged with that terminal's record, this database would take over another counter's history.
  const holder = credentialTerminal(read.value);
  if (holder !== null && holder !== link.hubTerminalId) {
    throw Refusal.say('NOT_ALLOWED', 'hub.mergeOtherTerminal', { terminal: link.terminal, outlet: link.outlet });
  }
  return { link, credential: read.value };
}

/**
 * The merge, on the closed database at `dbPath`. Any failure leaves that database as it was (the merge builds beside it
 * and swaps only a finished one in) and is said in a manager's words, with the detail in English.
 */
export async function mergeClosedDatabase(dbPath: string, plan: MergePlan, onProgress?: RestoreOptions['onProgress']): Promise<HubMerged> {
  const { link, credential } = plan;
  // Said before the merge tries: its own words for this send the reader to the command line.
  const free = RelayLock.tryAcquire(dbPath);
  if (!free) throw Refusal.say('NOT_ALLOWED', 'hub.mergeAppRunning');
  free.release();
  let merged: Merged;
  try {
    merged = await mergeCopyWithHub({
      dbPath,
      client: new HubClient(link.hubUrl, credential),
      hubUrl: link.hubUrl,
      terminal: { hubTerminalId: link.hubTerminalId, outlet: link.outlet, terminal: link.terminal },
      ...(onProgress ? { onProgress } : {}),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // Head office saying no is not the line failing: trying again after checking the connection would meet it again.
    const key = error instanceof RestoreError && error.refusedBy !== null ? 'hub.mergeRefused' : 'hub.mergeFailed';
    throw Refusal.say('HUB', key, { detail });
  }
  return mergedView(merged);
}

/** A merge that did not happen, as the core keeps it for hub.lastMerge: in the words its caller was given. */
export function failedMerge(error: unknown, at: number): HubLastMerge {
  if (!(error instanceof Refusal)) return { kind: 'failed', at, problem: { code: 'INTERNAL', message: say('error.INTERNAL'), key: 'error.INTERNAL' } };
  const { key, params } = error.extra;
  return { kind: 'failed', at, problem: { code: error.code, message: error.message, key, ...(params ? { params } : {}) } };
}

function mergedView(merged: Merged): HubMerged {
  if (merged.kind === 'in-step') return merged;
  return {
    kind: 'merged',
    restored: merged.restored,
    carriedOver: merged.awards,
    queued: merged.queued,
    unknown: merged.unknown,
    settledAtHeadOffice: merged.sentFromCopy.filter(({ state }) => state !== 'UNKNOWN').length,
    changedHere: merged.changedOnCopy.length,
    keptAs: basename(merged.keptAs),
  };
}

/**
 * The hub terminal a credential was given for: the hub writes its id into each one (`kht1.<terminal id>.<token>`,
 * hub/terminals.ts). Null for a credential of another form, which cannot be checked here.
 */
function credentialTerminal(credential: string): string | null {
  return /^kht1\.([0-9a-f-]{36})\./.exec(credential)?.[1] ?? null;
}
