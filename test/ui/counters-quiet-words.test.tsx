// Head office's Counters tab says how often a counter that is on checks in: every 15 seconds (app/sync/pusher.ts's
// idle pass, README), in every language, not "every few seconds".
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../renderer/i18n/i18n.ts';

describe("the Counters tab's quiet counter", () => {
  it.each([
    ['en', 'checks in every 15 seconds'],
    ['ms', 'membuat semakan masuk setiap 15 saat'],
    ['zh', '每 15 秒签到一次'],
  ] as const)('%s says a counter that is on checks in every 15 seconds', (language, words) => {
    expect(catalogues[language].hub.counters.quietDetail).toContain(words);
  });
});
