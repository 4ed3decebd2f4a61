// Words a reviewer read in the two other languages: one name for the manager's PIN in Chinese, the counter's name for
// an award in the Chinese review evidence, and everyday Malay.
import { describe, expect, it } from 'vitest';
import ms from '../../renderer/i18n/ms.json';
import zh from '../../renderer/i18n/zh.json';

function entries(tree: object, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([name, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[`${prefix}${name}`, value]] : entries(value as object, `${prefix}${name}.`),
  );
}

describe('words the reviewer read', () => {
  it('Chinese names the PIN one way: 密码 only for the head-office password (its field and the hub\'s sign-in refusals) and a key\'s passphrase (密码短语)', () => {
    const headOfficePassword = (key: string) => key === 'hub.password' || key.startsWith('core.headOffice.');
    const other = entries(zh).filter(([key, text]) => !headOfficePassword(key) && text.replaceAll('密码短语', '').includes('密码'));
    expect(other).toEqual([]);
  });

  it('the Chinese review evidence calls an award 积分, as the counter and the review list do, never 奖励', () => {
    expect(entries(zh.core.evidence).filter(([, text]) => text.includes('奖励'))).toEqual([]);
  });

  it("Malay says what a cashier and a manager say: Tapis to filter History, Batalkan to undo a queued award", () => {
    expect(ms.history.filter.apply).toBe('Tapis');
    expect(ms.outcome.queued.undo).toBe('Batalkan ganjaran ini');
  });
});
