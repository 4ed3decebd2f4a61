// One award as the command line prints it (`kaunter history`, `queue`, `resolve`, `award`), from awards written by the
// real outbox into a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../app/awards/outbox.ts';
import { markClaimed, transition } from '../../app/awards/transitions.ts';
import { awardLine } from '../../app/commands/format.ts';
import type { MemberIdentity } from '../../app/common/member.ts';
import { openDatabase, type Db } from '../../app/store/database.ts';

const AT = Date.UTC(2026, 11, 3, 1);
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaunter-award-line-'));
  db = openDatabase(join(dir, 'awards.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function awarded(amountSen: number, member: MemberIdentity) {
  const { award } = new Outbox(db, 'T1', () => AT).submit({ amountSen, member, cashier: 'Aina', pointsPreview: Math.floor(amountSen / 100) }, 'cashier:Aina');
  transition(db, award.id, ['QUEUED'], { to: 'SENDING', actor: 'test' }, AT);
  return transition(db, award.id, ['SENDING'], { to: 'AWARDED', actor: 'test' }, AT);
}

describe('an award line', () => {
  it('says one point as one', () => {
    expect(awardLine(awarded(150, { type: 'ID', memberId: 'M-1' }))).toMatch(/^AWARDED {3}RM 1\.50 to M-1 \(1 point, estimate\) {2}/);
  });

  it('says a claim QR not seen claimed is not counted as given, and a claimed one nothing more', () => {
    const qr = awarded(4590, { type: 'QRCODE' });
    expect(awardLine(qr)).toContain('to claim QR (45 points, estimate, not seen claimed, so not counted as given)');
    expect(awardLine(markClaimed(db, qr.id, AT + 60_000))).toContain('to claim QR (45 points, estimate)  ');
  });
});
