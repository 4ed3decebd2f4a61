-- A decision is taken on one of an award's unknown outcomes: the counter's own manager may resend it meanwhile, and
-- that resend end unknown again. Carried out then, head office's "resend" would send the award to RM once more (and a
-- "credited" or "void" would settle an outcome nobody at head office looked at). The column holds the award's newest
-- event as head office saw it when deciding: an event after it that makes the award UNKNOWN is another outcome
-- (hub/decisions.ts). A decision taken by a hub process of the version before has none, and is offered as before.
ALTER TABLE decisions ADD COLUMN award_seq bigint;
