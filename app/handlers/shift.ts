// The cashier's shift at the counter (pick your name, end your shift, see it, print or export it), and the shifts a
// manager looks back on.
import { writeDownload } from '../core/downloads.ts';
import { Refusal } from '../core/failure.ts';
import type { KaunterCore } from '../core/kaunter-core.ts';
import { writeShiftsCsv } from '../shifts/export.ts';
import { summariseShift, summariseShifts, type ShiftSummary } from '../shifts/figures.ts';
import { eachShift, findShift, listShifts, type Shift } from '../shifts/shifts.ts';
import { SHOP_UTC_OFFSET_MINUTES } from '../common/shop-time.ts';
import type { NamespaceHandlers } from './types.ts';

export const shiftHandlers: NamespaceHandlers<'shift'> = {
  'shift.current': (core) => core.env.shifts.current(),

  'shift.start': (core, { cashier }) => {
    const known = core.settings.value.cashiers;
    if (known.length > 0 && !known.includes(cashier)) {
      throw Refusal.say('INVALID_INPUT', 'cashier.notListed', { name: cashier }, { field: 'cashier' });
    }
    const before = core.env.shifts.current();
    const shift = core.env.shifts.start(cashier);
    if (shift.id !== before?.id) core.ports.log?.info(`shift: ${shift.id} started${before ? `, ${before.id} ended` : ''}`);
    return shift;
  },

  'shift.end': (core) => {
    const ended = core.env.shifts.end();
    if (!ended) throw Refusal.say('NOT_ALLOWED', 'shift.noneOpen');
    core.ports.log?.info(`shift: ${ended.id} ended`);
    return summary(core, ended);
  },

  'shift.summary': (core, { id }, caller) => summary(core, visibleShift(core, id, caller.id)),

  'shift.exportCsv': (core, { id }, caller) => {
    const shift = summary(core, visibleShift(core, id, caller.id));
    return writeDownload(core.ports.downloadsDir, `kaunter-${core.env.environment}-shift-${id}`, core.now(), (out) => writeShiftsCsv([shift], out, SHOP_UTC_OFFSET_MINUTES));
  },

  'shift.list': (core, { filter, limit }) => {
    const { items, more } = listShifts(core.env.db, filter, limit);
    return { items: items.map((shift) => summary(core, shift)), more };
  },

  'shift.exportListCsv': (core, { filter }) =>
    writeDownload(core.ports.downloadsDir, `kaunter-${core.env.environment}-shifts`, core.now(), (out) =>
      writeShiftsCsv(summariseShifts(core.env.db, eachShift(core.env.db, filter), core.now()), out, SHOP_UTC_OFFSET_MINUTES),
    ),
};

function summary(core: KaunterCore, shift: Shift): ShiftSummary {
  return summariseShift(core.env.db, shift, core.now());
}

/** A shift the caller may see: the terminal's latest at the counter; any, once this caller's manager session is open. */
function visibleShift(core: KaunterCore, id: number, callerId: string): Shift {
  const shift = findShift(core.env.db, id);
  if (!shift) throw Refusal.say('NOT_FOUND', 'shift.notFound');
  if (!core.manager.unlocked(callerId) && shift.id !== core.env.shifts.latest()?.id) throw Refusal.say('LOCKED', 'shift.managerOnly');
  return shift;
}
