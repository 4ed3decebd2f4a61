-- kaunter: without a transaction
-- A receipt names one award or a few, and the planner must know it: statistics of a partial index's expression are not
-- used for the table's estimates, so it guessed 0.5% of all awards for lower(receipt_ref) = x, and on a chain's few
-- million awards a history page filtered by receipt walked every award newest first (5.2 s on 5,000,000; measured by
-- test/bench/hub-history.bench.ts). A whole index has its expression's statistics; the ANALYZE gathers them now. Built
-- concurrently (2 s on 5,000,000 awards, once every older transaction has ended), and the old index dropped the same
-- way: pushes and reads go on meanwhile.
CREATE INDEX CONCURRENTLY IF NOT EXISTS awards_by_lower_receipt ON awards (lower(receipt_ref));
DROP INDEX CONCURRENTLY IF EXISTS awards_by_receipt;
ANALYZE awards;
