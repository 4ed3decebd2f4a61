// A cashier's shift for the component tests: the open shift's awards in every state its summary counts.
import type { FakeKaunter } from './fake-kaunter.ts';

export const awardId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Aminah's shift so far: awarded (RM's points, and an estimate), refused, waiting, unknown. */
export function aminahsAwards(fake: FakeKaunter): void {
  fake.addAward({ id: awardId(1), state: 'AWARDED', amountSen: 1250, pointsPreview: 12, pointsConfirmed: true });
  fake.addAward({ id: awardId(2), state: 'AWARDED', amountSen: 880, pointsPreview: 8, pointsConfirmed: false });
  fake.addAward({ id: awardId(3), state: 'REJECTED', amountSen: 990 });
  fake.addAward({ id: awardId(4), state: 'QUEUED', amountSen: 650, pointsPreview: 6 });
  fake.addAward({ id: awardId(5), state: 'UNKNOWN', amountSen: 1880 });
}
