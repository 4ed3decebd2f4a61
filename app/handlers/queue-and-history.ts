// The queue the cashier sees, and the history a manager reviews and exports.
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { exportCsv } from '../awards/export.ts';
import { historyPage, totalsByCashier, totalsByDay } from '../awards/history.ts';
import { privateWriteStream } from '../private-files.ts';
import type { NamespaceHandlers } from './types.ts';
import { SHOP_OFFSET_MS, SHOP_UTC_OFFSET_MINUTES } from '../common/shop-time.ts';

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
    byDay: totalsByDay(core.env.db, filter, SHOP_UTC_OFFSET_MINUTES),
    byCashier: totalsByCashier(core.env.db, filter),
  }),

  'history.exportCsv': async (core, { filter }) => {
    const dir = core.ports.downloadsDir;
    await mkdir(dir, { recursive: true });
    const stamp = new Date(core.now() + SHOP_OFFSET_MS).toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const path = join(dir, `kaunter-${core.env.environment}-awards-${stamp}.csv`);
    const out = privateWriteStream(path, 'wx');
    try {
      const rows = await exportCsv(core.env.db, filter, out, {
        utcOffsetMinutes: SHOP_UTC_OFFSET_MINUTES,
        onProgress: (done, total) => core.emit('export.progress', { done, total }),
      });
      out.end();
      await once(out, 'finish');
      return { path, rows };
    } catch (error) {
      out.destroy();
      throw error;
    }
  },
};
