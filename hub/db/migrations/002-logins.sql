-- Failed sign-ins by address, so any hub process behind the load balancer slows the same guesser.
CREATE TABLE login_failures (
  address  text NOT NULL,
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_by_address ON login_failures (address, at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
