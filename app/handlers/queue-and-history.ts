// The queue the cashier sees, and the history a manager reviews and exports.
import { markRefusalsSeen, refusedLately, type RefusedLately } from '../awards/refused-lately.ts';
import { writeDownload } from '../core/downloads.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { COUNTER_WAIT_MS } from '../common/counter-wait.ts';
import { managerName } from './manager.ts';
import type { NamespaceHandlers } from './types.ts';

export const queueHandlers: NamespaceHandlers<'queue'> = {
  'queue.status': (core) => core.queueStatus(),
  'queue.retryNow': (core) => {
    core.env.desk.wake();
    return { ok: true };
  },
  'queue.refused': (core) => refusedNow(core),
  // Up to what the manager's screen counted, so a refusal that came since is still told; every screen's pill follows.
  'queue.refusedSeen': (core, { upToEvent }) => {
    const before = refusedNow(core);
    const by = managerName(core);
    const moved = markRefusalsSeen(core.env.db, upToEvent, core.now(), by);
    const after = refusedNow(core);
    core.ports.log?.info(
      moved
        ? `queue.refusedSeen: ${by} marked the counter's refused awards seen (${before.count} counted, ${after.count} still new)`
        : `queue.refusedSeen: ${by} saw nothing newer than the mark already made (${after.count} counted)`,
    );
    core.emit('queue.refusedChanged', after);
    return after;
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
