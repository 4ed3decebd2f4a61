-- A decision is taken on one of an award's unknown outcomes: the counter's own manager may resend it meanwhile, and
-- that resend end unknown again. Carried out then, head office's "resend" would send the award to RM once more (and a
-- "credited" or "void" would settle an outcome nobody at head office looked at). The column says which unknown outcome
-- the decision was taken on, counted from the award's first (hub/decisions.ts); a decision taken by a hub process of
-- the version before has none, and is offered as before.
ALTER TABLE decisions ADD COLUMN unknown_outcome integer;
