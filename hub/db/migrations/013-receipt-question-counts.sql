-- How many receipts each counter asked about in its current minute (hub/server/terminal-limits.ts). Kept here, not in
-- a hub process, so that several processes behind one address count against one limit. The columns are the ones
-- rate-limiter-flexible's PostgreSQL store reads and writes: `key` is "receipt:<terminal id>", `expire` epoch ms.
CREATE TABLE receipt_question_counts (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
