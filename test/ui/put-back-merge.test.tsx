// Settings > Head office around a merge another screen runs, or one that ended while nobody watched: the words the
// screens say (English here; Bahasa Malaysia in the end-to-end test), from what the core reports.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../app/contract.ts';
import { useManagerStore } from '../../renderer/stores/manager-store.ts';
import { useNavStore } from '../../renderer/stores/nav-store.ts';
import { renderApp, setUp } from './harness.tsx';

const PUT_BACK = { kind: 'refused', code: 'OUT_OF_STEP', message: "Head office already holds this counter's record up to entry 9.", waiting: 1 } as const;
const FAILED = "Head office's record of this terminal could not be brought back, so nothing was changed and this PC carries on as before. Check the connection to head office, then try again. (What the connection said: socket hang up)";

/** Settings open behind the PIN on a counter head office refuses as put back; `lastMerge`: what the core kept. */
function inSettings(lastMerge: MethodOutput<'hub.lastMerge'> = null): ReturnType<typeof setUp> {
  const fake = setUp({ training: false });
  fake.hub = PUT_BACK;
  fake.lastMerge = lastMerge;
  fake.manager.unlocked = true;
  useNavStore.setState({ screen: 'manager', managerTab: 'settings' });
  renderApp();
  return fake;
}

describe('bringing a put-back counter back in step, as every screen sees it', () => {
  it('a merge under way says so in Settings and on the status bar, offers no second one, then shows what it did', async () => {
    const fake = inSettings();
    await screen.findByTestId('put-back-merge-start');
    fake.hub = { kind: 'merging' };
    fake.emit('hub.status', fake.hub);
    await waitFor(() => expect(screen.getByTestId('head-office-state').textContent).toBe("Being brought back in step with head office's record (a few minutes for a busy terminal): award nothing until it is done."));
    expect(screen.getByTestId('hub-status').getAttribute('aria-label')).toBe("Head office: this counter is being brought back in step with head office's record. Award nothing until it is done.");
    expect(screen.getByTestId('hub-status').textContent).toBe('Bringing back');
    expect(screen.getByTestId('put-back-merge-busy')).toBeTruthy();
    expect(screen.queryByTestId('put-back-merge-start')).toBeNull();

    // It ends on the other screen: this one reads what the core kept.
    fake.lastMerge = { kind: 'done', at: Date.UTC(2026, 10, 30, 2, 42), merged: { kind: 'merged', restored: 5, carriedOver: 2, queued: 1, unknown: 0, settledAtHeadOffice: 0, changedHere: 0, keptAs: 'awards-sandbox.db.before-merge-20261130T024200000Z' } };
    fake.hub = { kind: 'waiting', waiting: 1 };
    fake.emit('hub.status', fake.hub);
    const result = await screen.findByTestId('put-back-merge-result');
    expect(result.textContent).toContain('Awards back from head office: 5');
    expect(screen.getByTestId('put-back-merge-kept').textContent).toBe('awards-sandbox.db.before-merge-20261130T024200000Z');
    expect(screen.getByTestId('put-back-merge-last').textContent).toMatch(/^Bringing back in step, last tried .*10:42(:00)? \(shown until Kaunter restarts\):$/);
    expect(screen.queryByTestId('put-back-merge')).toBeNull();
  });

  it("a screen refused because another screen's merge began at the same moment shows that merge's outcome once it ends", async () => {
    const fake = inSettings();
    fireEvent.click(await screen.findByTestId('put-back-merge-start'));
    // The other screen's merge began just before this one's Yes reached the core, whose status this screen has not heard yet.
    fake.hub = { kind: 'merging' };
    fireEvent.click(screen.getByTestId('put-back-merge-yes'));
    await waitFor(() => expect(fake.callsOf('hub.merge')).toHaveLength(1));
    await screen.findByTestId('put-back-merge-busy');
    fake.lastMerge = { kind: 'done', at: Date.UTC(2026, 10, 30, 2, 42), merged: { kind: 'in-step' } };
    fake.hub = { kind: 'waiting', waiting: 0 };
    fake.emit('hub.status', fake.hub);
    expect((await screen.findByTestId('put-back-merge-result')).getAttribute('data-kind')).toBe('in-step');
    expect(screen.queryByText(/^Kaunter is bringing this counter back in step with head office/)).toBeNull();
  });

  it('a merge that failed while nobody watched is said when Settings opens, beside the offer to try again', async () => {
    const fake = inSettings({ kind: 'failed', at: Date.UTC(2026, 10, 30, 2, 42), problem: { code: 'HUB', message: FAILED, key: 'hub.mergeFailed', params: { detail: 'socket hang up' } } });
    await waitFor(() => expect(useManagerStore.getState().status?.unlocked).toBe(true));
    expect(await screen.findByText(FAILED)).toBeTruthy();
    expect(screen.getByTestId('put-back-merge-last').textContent).toMatch(/^Bringing back in step, last tried /);
    expect(screen.getByTestId('put-back-merge-start')).toBeTruthy();
    expect(fake.callsOf('hub.lastMerge')).toHaveLength(1);
  });
});
