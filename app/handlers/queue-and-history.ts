// The queue the cashier sees, and the history a manager reviews and exports.
import { exportCsv } from '../awards/export.ts';
import { historyPage, totalsByCashier, totalsByDay } from '../awards/history.ts';
import { writeDownload } from '../core/downloads.ts';
import type { NamespaceHandlers } from './types.ts';

/** Malaysia keeps UTC+8 all year. */
export const MALAYSIA_OFFSET_MINUTES = 480;

export const queueHandlers: NamespaceHandlers<'queue'> = {
  'queue.status': (core) => core.queueStatus(),
  'queue.retryNow': (core) => {
    core.env.desk.wake();
    return { ok: true };
  },
};

export const historyHandlers: NamespaceHandlers<'history'> = {
  'history.page': (core, { filter, cursor, limit }) => historyPage(core.env.db, filter, cursor, limit),

  'history.totals': (core, { filter }) => ({
    byDay: totalsByDay(core.env.db, filter, MALAYSIA_OFFSET_MINUTES),
    byCashier: totalsByCashier(core.env.db, filter),
  }),

  'history.exportCsv': (core, { filter }) =>
    writeDownload(core.ports.downloadsDir, `kaunter-${core.env.environment}-awards`, core.now(), (out) =>
      exportCsv(core.env.db, filter, out, {
        utcOffsetMinutes: MALAYSIA_OFFSET_MINUTES,
        onProgress: (done, total) => core.emit('export.progress', { done, total }),
      }),
    ),
};
