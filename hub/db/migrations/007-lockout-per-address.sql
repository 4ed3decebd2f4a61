-- A name is locked at the address its wrong passwords came from, counted from login_failures (hub/people.ts): the
-- user-wide count only ever grew, so one wrong password an hour from anywhere kept a user locked out for good. This
-- index serves that count. users.failed_logins and users.locked_until are no longer read or written; they stay while
-- hub processes of the version before may still serve beside this one (a rolling upgrade reads and writes them).
DROP INDEX login_failures_by_name;
CREATE INDEX login_failures_by_name ON login_failures (name, address, at) WHERE name IS NOT NULL;
