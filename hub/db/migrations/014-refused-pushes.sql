-- The latest push the hub refused each terminal, by the hub's clock: a PC put back from a backup copy (CONFLICT) or a
-- revoked one (REVOKED) keeps trying while the PC it shares a link with pushes fine, so the terminal's last push stays
-- fresh and head office's month-end comes out short with no sign anywhere. One row a terminal, overwritten (a counter
-- retries every few seconds); written outside the refused push's own transaction, which rolls back (hub/refused-pushes.ts).
CREATE TABLE refused_pushes (
  terminal_id uuid PRIMARY KEY REFERENCES terminals (id),
  code        text NOT NULL,
  at          timestamptz NOT NULL
);
