import { describe, expect, it } from 'vitest';
import { Disposables } from '../../app/core/disposables.ts';

describe('Disposables', () => {
  it('closes what was opened, newest first, waiting for each', async () => {
    const closed: string[] = [];
    const owned = new Disposables();
    owned.add('database', (name) => void closed.push(name));
    owned.add('desk', async (name) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      closed.push(name);
    });
    expect(owned.add('relay', (name) => void closed.push(name))).toBe('relay');
    await owned.dispose();
    expect(closed).toEqual(['relay', 'desk', 'database']);
  });

  it('closes the rest when one close fails, then reports the first failure', async () => {
    const closed: string[] = [];
    const owned = new Disposables();
    owned.add('database', (name) => void closed.push(name));
    owned.add('desk', () => {
      throw new Error('desk would not close');
    });
    owned.add('hub', () => Promise.reject(new Error('hub would not stop')));
    await expect(owned.dispose()).rejects.toThrow('hub would not stop');
    expect(closed).toEqual(['database']);
  });

  it('closes each thing once, and refuses new things after closing', async () => {
    let closes = 0;
    const owned = new Disposables();
    owned.add(1, () => void (closes += 1));
    await owned.dispose();
    await owned.dispose();
    expect(closes).toBe(1);
    expect(() => owned.add(2, () => undefined)).toThrow(/already closed/);
  });
});
