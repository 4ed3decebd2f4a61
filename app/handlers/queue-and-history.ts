// The queue the cashier sees, and the history a manager reviews and exports.
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { privateWriteStream } from '../private-files.ts';
import type { NamespaceHandlers } from './types.ts';
import { SHOP_OFFSET_MS } from '../common/shop-time.ts';

export const queueHandlers: NamespaceHandlers<'queue'> = {
  'queue.status': (core) => core.queueStatus(),
  'queue.retryNow': (core) => {
    core.env.desk.wake();
    return { ok: true };
  },
};

export const historyHandlers: NamespaceHandlers<'history'> = {
  'history.page': (core, { filter, cursor, limit }) => core.env.history.page(filter, cursor, limit),

  'history.totals': (core, { filter }) => core.env.history.totals(filter),

  'history.exportCsv': async (core, { filter }, caller) => {
    const dir = core.ports.downloadsDir;
    await mkdir(dir, { recursive: true });
    const stamp = new Date(core.now() + SHOP_OFFSET_MS).toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const path = join(dir, `kaunter-${core.env.environment}-awards-${stamp}.csv`);
    const out = privateWriteStream(path, 'wx');
    try {
      const rows = await core.env.history.exportCsv(filter, out, (done, total) => core.emit('export.progress', { done, total }, caller.id));
      out.end();
      await once(out, 'finish');
      return { path, rows };
    } catch (error) {
      out.destroy();
      throw error;
    }
  },
};
