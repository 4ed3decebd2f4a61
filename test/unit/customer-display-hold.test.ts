// "Thank you" and "your points will arrive" stay on the customer's screen for a while, then the welcome comes back and
// stays for that award (the next customer must not see the last one's name and balance, nor a late "thank you").
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DisplayState } from '../../app/contract.ts';
import type { Award } from '../../app/awards/award.ts';
import { CustomerDisplay } from '../../app/display/customer-display.ts';
import { settingsFileSchema } from '../../app/settings.ts';

const ID = '5b0d9d4e-1e2f-4b4a-9c55-0b8f4e3a2c11';

function awardIn(state: Award['state']): Award {
  return {
    id: ID, createdAt: 0, terminalId: 't', cashier: 'Aina', receiptRef: null, amountSen: 650, member: { type: 'ID', memberId: 'M1' },
    pointsPreview: 6, pointsConfirmed: true, state, nextAttemptAt: 0, rmItemId: null, qrCodeUrl: null, claimedAt: null, lastError: null,
    resolution: null, updatedAt: 0,
  };
}

afterEach(() => vi.useRealTimers());

describe('the customer display holds its outcome', () => {
  it('shows queued for the hold time, then the welcome, and stays there when the award is sent later', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let award = awardIn('QUEUED');
    const shown: DisplayState[] = [];
    const display = new CustomerDisplay({
      settings: () => settingsFileSchema.parse({ storeName: 'Kedai' }),
      award: () => award,
      points: () => null,
      lookUp: () => Promise.resolve({ member: null, problem: null }),
      emit: (state) => void shown.push(state),
      holdMs: 1_000,
    });
    display.show({ kind: 'award', awardId: ID });
    expect(shown.at(-1)?.view).toEqual({ kind: 'queued', amountSen: 650 });
    vi.advanceTimersByTime(999);
    expect(shown.at(-1)?.view.kind).toBe('queued');
    vi.advanceTimersByTime(1);
    expect(shown.at(-1)?.view).toEqual({ kind: 'idle' });
    award = awardIn('AWARDED');
    display.awardChanged(award);
    expect(shown.at(-1)?.view).toEqual({ kind: 'idle' });
    // The next sale shows at once.
    display.show({ kind: 'sale', amountSen: 100 });
    expect(shown.at(-1)?.view).toEqual({ kind: 'sale', amountSen: 100, pointsEstimate: null });
  });
});
