-- A name is locked only for the address its wrong passwords came from, counted from login_failures and fading after a
-- quiet spell: one wrong password an hour from anywhere kept a user locked out for good, since the user-wide count only
-- ever grew. The user-wide count and lock go.
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
DROP INDEX login_failures_by_name;
CREATE INDEX login_failures_by_name ON login_failures (name, address, at) WHERE name IS NOT NULL;
