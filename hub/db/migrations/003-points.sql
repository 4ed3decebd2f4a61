-- An award's points become RM's own figure after it was awarded (the counter confirms them with an event that changes
-- no state), and a claim QR can be claimed later: the hub keeps both, as the counter's history shows them. The day
-- totals follow a confirmed figure into their points and count the awarded awards whose points are still an estimate.
ALTER TABLE awards ADD COLUMN points_confirmed boolean NOT NULL DEFAULT false;
ALTER TABLE awards ADD COLUMN claimed_at bigint;
ALTER TABLE award_totals ADD COLUMN unconfirmed bigint NOT NULL DEFAULT 0;
UPDATE award_totals SET unconfirmed = awards;

CREATE OR REPLACE FUNCTION award_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.state = OLD.state THEN
    IF NEW.points_preview IS DISTINCT FROM OLD.points_preview OR NEW.points_confirmed IS DISTINCT FROM OLD.points_confirmed THEN
      UPDATE award_totals SET points = points - COALESCE(OLD.points_preview, 0) + COALESCE(NEW.points_preview, 0),
        unconfirmed = unconfirmed - (NOT OLD.points_confirmed)::int + (NOT NEW.points_confirmed)::int
      WHERE outlet_id = OLD.outlet_id AND day = (OLD.created_at + 28800000) / 86400000
        AND terminal_id = OLD.terminal_id AND cashier = OLD.cashier AND state = OLD.state;
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    UPDATE award_totals SET awards = awards - 1, amount_sen = amount_sen - OLD.amount_sen,
      points = points - COALESCE(OLD.points_preview, 0), unconfirmed = unconfirmed - (NOT OLD.points_confirmed)::int
    WHERE outlet_id = OLD.outlet_id AND day = (OLD.created_at + 28800000) / 86400000
      AND terminal_id = OLD.terminal_id AND cashier = OLD.cashier AND state = OLD.state;
  END IF;
  INSERT INTO award_totals (day, outlet_id, terminal_id, cashier, state, awards, amount_sen, points, unconfirmed)
  VALUES ((NEW.created_at + 28800000) / 86400000, NEW.outlet_id, NEW.terminal_id, NEW.cashier, NEW.state, 1,
    NEW.amount_sen, COALESCE(NEW.points_preview, 0), (NOT NEW.points_confirmed)::int)
  ON CONFLICT (outlet_id, day, terminal_id, cashier, state) DO UPDATE SET
    awards = award_totals.awards + 1, amount_sen = award_totals.amount_sen + EXCLUDED.amount_sen,
    points = award_totals.points + EXCLUDED.points, unconfirmed = award_totals.unconfirmed + EXCLUDED.unconfirmed;
  RETURN NULL;
END $$;
DROP TRIGGER award_totals_on_state ON awards;
CREATE TRIGGER award_totals_on_state AFTER UPDATE OF state, points_preview, points_confirmed ON awards
  FOR EACH ROW EXECUTE FUNCTION award_totals_apply();
