-- The name each failed sign-in tried, so a name nobody has is locked after wrong passwords just as a real one is: else
-- the lockout itself would tell a prober which names exist. Kept a day, as the rows already were.
ALTER TABLE login_failures ADD COLUMN name text;
CREATE INDEX login_failures_by_name ON login_failures (name, at) WHERE name IS NOT NULL;
