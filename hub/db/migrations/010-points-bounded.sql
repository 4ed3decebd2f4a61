-- Points have an upper bound (MAX_POINTS in app/common/money.ts: RM 1,000,000 at the richest rule, 10^12). No real rule
-- gives more, but a figure above it pushed before the bound would now fail every restore page and neighbour reply that
-- carries it, since counters read them with the same bound: such a figure becomes unknown, as for an award whose points
-- were never known, and the totals trigger takes it out of the day's points.
UPDATE awards SET points_preview = NULL, points_confirmed = false WHERE points_preview > 1000000000000;
