// A backlog of queued awards, written through the app's own Outbox.submit (validation, QUEUED row, first event), all
// inside one outer transaction so that building 10,000 of them costs one sync instead of 10,000.
import { Outbox } from '../../../app/awards/outbox.ts';
import type { Db } from '../../../app/store/database.ts';
import type { SandboxMemberSeed } from '../../../app/sandbox/index.ts';
import { amountFor, identityFor } from './bench-rm.ts';

const CASHIERS = ['Aina', 'Kumar', 'Mei Ling', 'Farid', 'Siti'];

export function queueAwards(db: Db, terminalId: string, count: number, members: readonly SandboxMemberSeed[], firstIndex = 0): void {
  const outbox = new Outbox(db, terminalId);
  db.transaction(() => {
    for (let i = firstIndex; i < firstIndex + count; i += 1) {
      const cashier = CASHIERS[i % CASHIERS.length] as string;
      const amountSen = amountFor(i);
      outbox.submit(
        { amountSen, member: identityFor(i, members), cashier, receiptRef: `R-${200_000 + i}`, pointsPreview: Math.floor(amountSen / 100) },
        `cashier:${cashier}`,
      );
    }
  })();
}
