// The queue the cashier sees, and the history a manager reviews and exports.
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { WriteStream } from 'node:fs';
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

  'history.exportCsv': async (core, { filter }) => {
    const dir = core.ports.downloadsDir;
    await mkdir(dir, { recursive: true });
    const stamp = new Date(core.now() + SHOP_OFFSET_MS).toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const { path, out } = newExportFile(join(dir, `kaunter-${core.env.environment}-awards-${stamp}`));
    try {
      const rows = await core.env.history.exportCsv(filter, out, (done, total) => core.emit('export.progress', { done, total }));
      out.end();
      await once(out, 'finish');
      return { path, rows };
    } catch (error) {
      out.destroy();
      throw error;
    }
  },
};

/** A new file for this export: two exports in the same second (a double click) get `-2`, `-3`, never each other's file. */
function newExportFile(base: string): { path: string; out: WriteStream } {
  for (let copy = 1; ; copy += 1) {
    const path = copy === 1 ? `${base}.csv` : `${base}-${copy}.csv`;
    try {
      return { path, out: privateWriteStream(path, 'wx') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || copy >= MAX_EXPORTS_PER_SECOND) throw error;
    }
  }
}

const MAX_EXPORTS_PER_SECOND = 100;
