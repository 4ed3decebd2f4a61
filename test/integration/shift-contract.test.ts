// The shift methods and their event through the contract, the same with the core in this process and in its own
// process (where the host checks every call, answer and event again): what the counter may do and see, what only the
// manager may, and the CSV files both get.
import { readFileSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput, Result } from '../../app/contract.ts';
import { DEMO_MEMBERS } from '../../app/sandbox/index.ts';
import { SHIFT_CSV_HEADER } from '../../app/shifts/export.ts';
import { CONTRACT_RIGS, type ContractRig } from '../fixtures/core-rig.ts';

type Summary = MethodOutput<'shift.summary'>;
const NURUL = DEMO_MEMBERS[0]?.memberId ?? '';

describe.each(CONTRACT_RIGS)('shifts through the contract, the core %s', (_name, makeRig) => {
  let rig: ContractRig;
  afterEach(async () => rig?.close());

  async function call<T>(method: string, input: unknown = {}): Promise<T> {
    const answer = (await rig.dispatch(method, input)) as Result<T>;
    if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
    return answer.value;
  }

  const shiftEvents = () => rig.events.filter((e) => e.event === 'shift.changed').map((e) => e.payload);

  it('start, the event, the awards under that name, the summary the counter may see, the end', async () => {
    rig = await makeRig();
    await call('settings.update', { cashiers: ['Aina', 'Ben'] });
    const aina = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    const { award } = await call<MethodOutput<'award.submit'>>('award.submit', { id: randomUUID(), amountSen: 1250, member: { type: 'ID', memberId: NURUL } });
    expect(award).toMatchObject({ cashier: 'Aina', state: 'AWARDED' });
    const ben = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Ben' });
    await expect.poll(shiftEvents).toEqual([{ shift: null }, { shift: aina }, { shift: ben }]);

    // The counter sees the shift open now, not the one before it.
    expect(await call<Summary>('shift.summary', { id: ben.id })).toMatchObject({ id: ben.id, cashier: 'Ben', endedAt: null, historyFilter: { shiftId: ben.id } });
    expect(await rig.dispatch('shift.summary', { id: aina.id })).toMatchObject({ ok: false, error: { code: 'LOCKED', key: 'shift.managerOnly' } });
    expect(await rig.dispatch('shift.exportCsv', { id: aina.id })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await rig.dispatch('shift.summary', { id: 999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', key: 'shift.notFound' } });

    const ended = await call<Summary>('shift.end');
    expect(ended).toMatchObject({ id: ben.id, cashier: 'Ben', figures: { awards: 0, waiting: 0, unknown: 0 } });
    // Its awards are those that record it, whatever the clock read: the filter has no times.
    expect(ended.historyFilter).toEqual({ shiftId: ben.id });
    await expect.poll(() => shiftEvents().at(-1)).toEqual({ shift: null });
    expect(await call('shift.current')).toBeNull();
    expect(await rig.dispatch('shift.end', {})).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED', key: 'shift.noneOpen' } });

    // The manager sees every shift.
    await call('manager.setPin', { pin: '2468', managerName: 'Siti' });
    expect(await call<Summary>('shift.summary', { id: aina.id })).toMatchObject({ cashier: 'Aina', figures: { awards: 1, awardedAmountSen: 1250 } });
  });

  it('a cashier exports their shift as one CSV row Excel reads safely, into Downloads, for them only', async () => {
    rig = await makeRig();
    // A shop without a cashier list takes any name: one made to look like a formula must never run as one.
    const shift = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: '=HYPERLINK("http://x")' });
    // With RM's points preview first, as the counter does, so the points are RM's own from the start.
    const { points } = await call<MethodOutput<'award.preview'>>('award.preview', { amountSen: 990 });
    await call('award.submit', { id: randomUUID(), amountSen: 990, member: { type: 'ID', memberId: NURUL }, pointsPreview: points });
    const saved = await call<MethodOutput<'shift.exportCsv'>>('shift.exportCsv', { id: shift.id });
    const again = await call<MethodOutput<'shift.exportCsv'>>('shift.exportCsv', { id: shift.id });
    expect(saved.rows).toBe(1);
    expect(saved.path).toMatch(/Downloads\/kaunter-training-shift-\d+-[\d-]+\.csv$/);
    expect(again.path).not.toBe(saved.path);
    expect((statSync(saved.path).mode & 0o777).toString(8)).toBe('600');

    const bytes = readFileSync(saved.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row]: string[][] = parse(bytes.toString('utf8'), { bom: true });
    expect(header).toEqual(SHIFT_CSV_HEADER);
    const summary = await call<Summary>('shift.summary', { id: shift.id });
    const cell = (name: string) => row?.[SHIFT_CSV_HEADER.indexOf(name)];
    expect(cell('Cashier')).toBe(`'=HYPERLINK("http://x")`);
    expect(cell('Ended (local time)')).toBe('open');
    expect(cell('Awards')).toBe(String(summary.figures.awards));
    expect(cell('Amount awarded (RM)')).toBe((summary.figures.awardedAmountSen / 100).toFixed(2));
    expect(cell('Points')).toBe(String(summary.figures.points));
  });

  it('the manager\'s list of shifts and its CSV are behind the PIN', async () => {
    rig = await makeRig();
    const first = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Aina' });
    const second = await call<MethodOutput<'shift.start'>>('shift.start', { cashier: 'Ben' });
    expect(await rig.dispatch('shift.list', { filter: {}, limit: 10 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await rig.dispatch('shift.exportListCsv', { filter: {} })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await call('manager.setPin', { pin: '2468', managerName: 'Siti' });
    const list = await call<MethodOutput<'shift.list'>>('shift.list', { filter: {}, limit: 10 });
    expect(list.items.map((s) => [s.id, s.cashier])).toEqual([[second.id, 'Ben'], [first.id, 'Aina']]);
    const saved = await call<MethodOutput<'shift.exportListCsv'>>('shift.exportListCsv', { filter: { cashier: 'Aina' } });
    const records: string[][] = parse(readFileSync(saved.path, 'utf8'), { bom: true });
    expect(saved.rows).toBe(1);
    expect(records.map((r) => r[SHIFT_CSV_HEADER.indexOf('Cashier')])).toEqual(['Cashier', 'Aina']);
    expect(await rig.dispatch('shift.list', { filter: { cashier: 'x'.repeat(61) }, limit: 10 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('a name no award could be recorded under is refused before it starts a shift, and never reaches the list', async () => {
    rig = await makeRig();
    for (const cashier of ['Ai\u0000na', ' ', 'x'.repeat(61)]) {
      expect(await rig.dispatch('shift.start', { cashier }), JSON.stringify(cashier)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'cashier' } });
    }
    expect(await rig.dispatch('settings.update', { cashiers: ['Aina', 'Be\u0007n'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('shift.current')).toBeNull();
  });
});
