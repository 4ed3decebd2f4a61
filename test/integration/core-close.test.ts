// Closing the core closes everything it opened: the database and the relay's lock (another Kaunter may then send for
// this file at once). A host that restarts the core would otherwise leave the next one locked out of sending.
import { describe, expect, it } from 'vitest';
import { RelayLock } from '../../app/awards/relay-lock.ts';
import { makeCoreRig } from '../fixtures/core-rig.ts';

describe('closing the core', () => {
  it('releases the database and the relay lock', async () => {
    const rig = await makeCoreRig();
    const { db, dbPath } = rig.core.env;
    expect(await rig.dispatch('queue.status', {})).toMatchObject({ ok: true });
    expect(RelayLock.tryAcquire(dbPath)).toBeNull();

    await rig.core.close();
    expect(db.open).toBe(false);
    const lock = RelayLock.tryAcquire(dbPath);
    expect(lock).not.toBeNull();
    lock?.release();
    await rig.close();
  });
});
