// An award's event trail is read in the language on screen: Kaunter's own reasons and the people and parts of Kaunter
// behind each change are translated; a reason a person typed is shown as typed. The trail here is what a database made
// by an earlier version holds (English text, no codes), so old awards read the same way as new ones.
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_ACTOR, eventView } from '../../app/awards/event-words.ts';
import type { AwardEvent } from '../../app/awards/award.ts';
import { say } from '../../app/messages.ts';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { renderApp, setUp } from './harness.tsx';
import { withListLayout } from './list-layout.ts';

withListLayout();

const ID = '55555555-5555-4555-8555-555555555555';
const AT = Date.UTC(2026, 10, 25, 2, 0, 0);

/** As stored by Kaunter before its event reasons had codes. */
const STORED: Array<Omit<AwardEvent, 'id' | 'at'>> = [
  { from: null, to: 'QUEUED', actor: 'cashier:Aina', reason: 'submitted', errorCode: null },
  { from: 'QUEUED', to: 'SENDING', actor: 'relay', reason: 'attempt 1', errorCode: null },
  {
    from: 'SENDING',
    to: 'QUEUED',
    actor: 'relay',
    reason: 'not applied: Revenue Monster cannot be reached (no internet?). The award is kept and will be sent automatically.',
    errorCode: 'NETWORK_UNREACHABLE',
  },
  { from: 'QUEUED', to: 'SENDING', actor: 'relay', reason: 'attempt 2', errorCode: null },
  { from: 'SENDING', to: 'AWARDED', actor: 'relay', reason: null, errorCode: null },
  { from: 'AWARDED', to: 'AWARDED', actor: 'relay', reason: 'points from RM: 12 (before: 10 estimated)', errorCode: null },
  {
    from: 'AWARDED',
    to: 'AWARDED',
    actor: 'manager:Siti (head office)',
    reason: 'cancel failed: The customer already claimed these points with the QR, so it can no longer be cancelled.',
    errorCode: 'QR_REDEEMED',
  },
  { from: 'AWARDED', to: 'AWARDED', actor: 'relay', reason: 'RM: the customer claimed the points', errorCode: null },
  { from: 'AWARDED', to: 'AWARDED', actor: 'manager:Siti', reason: 'Pelanggan minta semak semula', errorCode: null },
  { from: 'AWARDED', to: 'AWARDED', actor: 'evidence', reason: 'RM evidence gathered: 2 credit(s) in the window, 1 of the expected size', errorCode: null },
  // An RM or network code's own words as the reason: the cashier's sentence ("a manager will check").
  { from: 'SENDING', to: 'UNKNOWN', actor: 'relay', reason: 'The connection dropped after the award was sent. The points may have been given; a manager will check.', errorCode: 'CONNECTION_LOST' },
];

async function openTrail(language: 'en' | 'ms', stored = STORED) {
  const fake = setUp({ settings: { language } });
  fake.addAward({ id: ID, state: 'AWARDED', member: { type: 'QRCODE' }, rmItemId: 'rm-qr-9', cashier: 'Aina' });
  fake.trails.set(ID, stored.map((event, index) => eventView({ ...event, id: index + 1, at: AT + index * 1000 })));
  fake.manager.unlocked = true;
  useNavStore.setState({ screen: 'manager', managerTab: 'history' });
  renderApp();
  fireEvent.click(await screen.findByTestId('history-row'));
  const trail = await screen.findByTestId('event-trail');
  return [...trail.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].slice(2).map((cell) => cell.textContent));
}

describe("the award's event trail", () => {
  it('in Bahasa Melayu: every reason Kaunter wrote and every actor in Malay, a typed reason as typed', async () => {
    const rows = await openTrail('ms');
    expect(rows).toEqual([
      ['Juruwang Aina', 'dihantar oleh kaunter'],
      ['Kaunter (penghantar)', 'cubaan 1'],
      ['Kaunter (penghantar)', 'tidak diberi: Revenue Monster tidak dapat dihubungi (tiada internet?). Ganjaran disimpan dan akan dihantar secara automatik. Kod ralat: NETWORK_UNREACHABLE'],
      ['Kaunter (penghantar)', 'cubaan 2'],
      ['Kaunter (penghantar)', ''],
      ['Kaunter (penghantar)', 'mata daripada Revenue Monster: 12 (sebelum ini: 10 anggaran)'],
      ['Pengurus Siti (ibu pejabat)', 'pembatalan gagal: Pelanggan sudah menuntut mata ini dengan QR, jadi ia tidak boleh dibatalkan lagi. Kod ralat: QR_REDEEMED'],
      ['Kaunter (penghantar)', 'Revenue Monster: pelanggan telah menuntut mata'],
      ['Pengurus Siti', 'Pelanggan minta semak semula'],
      ['Kaunter', 'Bukti Revenue Monster dikumpul: 2 kredit dalam tempoh itu, 1 daripadanya sama saiz dengan yang dijangka'],
      ['Kaunter (penghantar)', 'Sambungan terputus selepas ganjaran dihantar: mata mungkin telah diberi. Kod ralat: CONNECTION_LOST'],
    ]);
    // A note that changed nothing names the state once, not "Diberi → Diberi".
    const changes = [...screen.getByTestId('event-trail').querySelectorAll('tbody tr td:nth-child(2)')].map((cell) => cell.textContent);
    expect(changes[9]).not.toContain('→');
    const trail = screen.getByTestId('event-trail').textContent ?? '';
    for (const english of ['submitted', 'attempt', 'not applied', 'points from RM', 'relay', 'cashier:', 'manager:', 'head office', 'customer', 'evidence']) {
      expect(trail, english).not.toContain(english);
    }
  });

  it('in English: the stored words, and actors as people read them', async () => {
    const rows = await openTrail('en');
    expect(rows[0]).toEqual(['Cashier Aina', 'submitted']);
    expect(rows[2]).toEqual(['Kaunter (sending)', `${STORED[2]?.reason} Error code: NETWORK_UNREACHABLE`]);
    expect(rows[6]?.[0]).toBe('Manager Siti (head office)');
    expect(rows[8]).toEqual(['Manager Siti', 'Pelanggan minta semak semula']);
    expect(rows[10]).toEqual(['Kaunter (sending)', 'The connection dropped after the award was sent: the points may have been given. Error code: CONNECTION_LOST']);
  });

  it('the note of RM evidence says one credit as one in English, and reads in Malay whatever the count', async () => {
    const notes = [1, 2].map((credits) => ({ from: 'UNKNOWN', to: 'UNKNOWN', actor: EVIDENCE_ACTOR, reason: say('event.evidenceGathered', { credits, matching: 1 }), errorCode: null }) as const);
    expect((await openTrail('en', notes)).map((row) => row[1])).toEqual([
      'RM evidence gathered: 1 credit in the window, 1 of the expected size',
      'RM evidence gathered: 2 credits in the window, 1 of the expected size',
    ]);
    cleanup();
    expect((await openTrail('ms', notes)).map((row) => row[1])).toEqual([
      'Bukti Revenue Monster dikumpul: 1 kredit dalam tempoh itu, 1 daripadanya sama saiz dengan yang dijangka',
      'Bukti Revenue Monster dikumpul: 2 kredit dalam tempoh itu, 1 daripadanya sama saiz dengan yang dijangka',
    ]);
  });
});
