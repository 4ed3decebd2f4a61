// The queue the cashier sees, and the history a manager reviews and exports.
import { refusedLately } from '../awards/refused-lately.ts';
import { writeDownload } from '../core/downloads.ts';
import { COUNTER_WAIT_MS } from './award.ts';
import type { NamespaceHandlers } from './types.ts';

export const queueHandlers: NamespaceHandlers<'queue'> = {
  'queue.status': (core) => core.queueStatus(),
  'queue.retryNow': (core) => {
    core.env.desk.wake();
    return { ok: true };
  },
  // A refusal that came while the counter still waited for the submit was said there: only later ones are counted.
  'queue.refused': (core) => refusedLately(core.env.db, core.env.shifts.latest(), core.now(), COUNTER_WAIT_MS),
};

export const historyHandlers: NamespaceHandlers<'history'> = {
  'history.page': (core, { filter, cursor, limit }) => core.env.history.page(filter, cursor, limit),

  'history.totals': (core, { filter }) => core.env.history.totals(filter),

  'history.exportCsv': (core, { filter }, caller) =>
    writeDownload(core.ports.downloadsDir, `kaunter-${core.env.environment}-awards`, core.now(), (out) =>
      core.env.history.exportCsv(filter, out, (done, total) => core.emit('export.progress', { done, total }, caller.id)),
    ),
};
