// The queue the cashier sees, and the history a manager reviews and exports.
import { markRefusalsSeen, refusedLately, type RefusedLately } from '../awards/refused-lately.ts';
import { writeDownload } from '../core/downloads.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { COUNTER_WAIT_MS } from './award.ts';
import { managerName } from './manager.ts';
import type { NamespaceHandlers } from './types.ts';

export const queueHandlers: NamespaceHandlers<'queue'> = {
  'queue.status': (core) => core.queueStatus(),
  'queue.retryNow': (core) => {
    core.env.desk.wake();
    return { ok: true };
  },
  'queue.refused': (core) => refusedNow(core),
  // Up to the core's own now, not a time the page sends: a page cannot hide refusals still to come.
  'queue.refusedSeen': (core) => {
    const before = refusedNow(core);
    const by = managerName(core);
    markRefusalsSeen(core.env.db, core.now(), by);
    core.ports.log?.info(`queue.refusedSeen: ${by} marked the counter's refused awards seen (${before.count} counted)`);
    return refusedNow(core);
  },
};

// A refusal that came while the counter still waited for the submit was said there: only later ones are counted.
function refusedNow(core: KaunterCore): RefusedLately {
  return refusedLately(core.env.db, core.env.shifts.latest(), core.now(), COUNTER_WAIT_MS);
}

export const historyHandlers: NamespaceHandlers<'history'> = {
  'history.page': (core, { filter, cursor, limit }) => core.env.history.page(filter, cursor, limit),

  'history.totals': (core, { filter }) => core.env.history.totals(filter),

  'history.exportCsv': (core, { filter }, caller) =>
    writeDownload(core.ports.downloadsDir, `kaunter-${core.env.environment}-awards`, core.now(), (out) =>
      core.env.history.exportCsv(filter, out, (done, total) => core.emit('export.progress', { done, total }, caller.id)),
    ),
};
