-- When the hub last heard from each terminal at all, by the hub's clock. A counter pushes only when it has awards to
-- send, but checks in every 15 seconds or so whether or not it sold anything (app/sync/pusher.ts), so a till left idle
-- is told apart from one switched off or cut off (hub/terminal-health.ts). Renewed at most every few minutes, not at
-- every check-in (hub/server/terminal-routes.ts); null until a terminal's first check-in after this migration.
ALTER TABLE terminals ADD COLUMN last_seen_at timestamptz;
