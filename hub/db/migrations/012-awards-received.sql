-- When the hub first and last took each award from its counter, by the hub's own clock. An award's attempts and trail
-- are its counter's word, so a stolen terminal credential could push a made-up award with attempts years apart and read
-- a member's awards across the chain between them; these times are not its word, and bound what a terminal may read
-- (hub/neighbours.ts). Awards taken before this migration have none, and are bounded by their sale instead.
ALTER TABLE awards ADD COLUMN first_received_at bigint, ADD COLUMN last_received_at bigint;
