-- kaunter: without a transaction
-- A name's wrong passwords count whatever the case it was typed in ("Boss" and "boss" are one user and one lockout),
-- so hub/people.ts reads login_failures by lower(name) (hub/names.ts), which the index on the name as typed cannot
-- serve. Built concurrently, as sign-ins go on meanwhile, and before the old index goes, so the count is never without
-- one. A hub process of the version before, still serving during the upgrade, counts by the name as typed, with no
-- index by name until it is replaced (login_failures keeps a day of rows).
CREATE INDEX CONCURRENTLY IF NOT EXISTS login_failures_by_folded_name ON login_failures (lower(name), address, at) WHERE name IS NOT NULL;
DROP INDEX CONCURRENTLY IF EXISTS login_failures_by_name;
