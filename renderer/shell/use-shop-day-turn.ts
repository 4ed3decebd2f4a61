// The shop's midnight, for a screen left open for days: what counts from the start of the shop's day must be asked for
// again when the next day begins, and no event from the core says that it has.
import { useEffect } from 'react';
import { startOfShopDay } from '../../app/common/shop-time.ts';

/**
 * How often the day is looked at. A timer set for midnight itself can go off hours late: its wait need not count the
 * hours the PC slept, and a counter PC often sleeps through the night.
 */
const LOOK_EVERY_MS = 60_000;

/** Calls `onTurn` within a minute of each of the shop's midnights while `watching`. */
export function useShopDayTurn(watching: boolean, onTurn: () => unknown): void {
  useEffect(() => {
    if (!watching) return undefined;
    let day = startOfShopDay(Date.now());
    const timer = setInterval(() => {
      const today = startOfShopDay(Date.now());
      if (today === day) return;
      day = today;
      void onTurn();
    }, LOOK_EVERY_MS);
    return () => clearInterval(timer);
  }, [watching, onTurn]);
}
