// Head office's view of the awards of a shop without a cashier list: they arrive with the terminal as a code (or, from
// an older counter, as the English words "Terminal <name>"); the hub keeps what the counter recorded, its CSV says
// "Terminal <name>" for both, and its pages, the counter's own screens, say it in the reader's language
// (test/ui/terminal-cashier.test.tsx).
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalAsCashier } from '../../app/common/cashier.ts';
import { exportHubCsv } from '../../hub/export.ts';
import { ALL_OUTLETS } from '../../hub/history.ts';
import { award, counterDb } from '../fixtures/counter-records.ts';
import { joinedPusher } from '../fixtures/hub-join.ts';
import { startHubRig, type HubRig } from '../fixtures/hub-rig.ts';

const AT = Date.UTC(2026, 10, 25, 2, 0, 0);
let rig: HubRig;
beforeAll(async () => {
  rig = await startHubRig();
  const { db } = counterDb();
  const pusher = await joinedPusher(rig, db, 'Seremban', 'Kaunter 2');
  award(db, 'till-2', 'AWARDED', AT, 1000, 0, terminalAsCashier('Kaunter 2'));
  award(db, 'till-2', 'AWARDED', AT + 60_000, 2000, 0, 'Terminal Kaunter 2');
  award(db, 'till-2', 'AWARDED', AT + 120_000, 3000, 0, 'Aina');
  await pusher.pushPending();
});
afterAll(async () => rig?.close());

describe('the terminal as cashier at head office', () => {
  it('the hub keeps what the counter recorded, for its pages to word in their language', async () => {
    const stored = await rig.pool.query<{ cashier: string }>('SELECT cashier FROM awards ORDER BY created_at');
    expect(stored.rows.map((row) => row.cashier)).toEqual(['terminal:Kaunter 2', 'Terminal Kaunter 2', 'Aina']);
  });

  it('its CSV says "Terminal <name>" for the new award and the old one alike', async () => {
    let csv = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        csv += chunk.toString('utf8');
        done();
      },
    });
    await exportHubCsv(rig.pool, {}, ALL_OUTLETS, out);
    const rows = parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { columns: true });
    expect(rows.map((row) => row.Cashier)).toEqual(['Aina', 'Terminal Kaunter 2', 'Terminal Kaunter 2']);
  });
});
