// Versioned schema. Each entry runs once, in order, inside one transaction with the user_version bump; never edit a
// shipped entry, add a new one.

// Migration 2's totals steps, shared by its triggers. Shipped with it: never change them; write a new migration.
const V2_ADD_NEW = `INSERT INTO award_totals (day, cashier, state, awards, amount_sen, points, unconfirmed)
    VALUES ((NEW.created_at + 28800000) / 86400000, NEW.cashier, NEW.state, 1, NEW.amount_sen, COALESCE(NEW.points_preview, 0), 1 - NEW.points_confirmed)
    ON CONFLICT (day, cashier, state) DO UPDATE SET
      awards = awards + 1, amount_sen = amount_sen + excluded.amount_sen, points = points + excluded.points,
      unconfirmed = unconfirmed + excluded.unconfirmed;`;
const V2_TAKE_OLD = `UPDATE award_totals SET awards = awards - 1, amount_sen = amount_sen - OLD.amount_sen,
      points = points - COALESCE(OLD.points_preview, 0), unconfirmed = unconfirmed - (1 - OLD.points_confirmed)
    WHERE day = (OLD.created_at + 28800000) / 86400000 AND cashier = OLD.cashier AND state = OLD.state;`;

// Migration 15's steps for the claim QRs not seen claimed (app/awards/given.ts's rule), shared by its triggers. Each
// step checks its own row, as one trigger serves an award leaving the set, entering it, or changing within it.
// Shipped with it: never change them; write a new migration.
const V15_UNCLAIMED = (row: string) => `${row}state = 'AWARDED' AND ${row}member_type = 'QRCODE' AND ${row}claimed_at IS NULL`;
const V15_ADD_NEW = `INSERT INTO unclaimed_qr_totals (day, cashier, awards, amount_sen, points, unconfirmed)
    SELECT (NEW.created_at + 28800000) / 86400000, NEW.cashier, 1, NEW.amount_sen, COALESCE(NEW.points_preview, 0), 1 - NEW.points_confirmed
    WHERE ${V15_UNCLAIMED('NEW.')}
    ON CONFLICT (day, cashier) DO UPDATE SET awards = awards + 1, amount_sen = amount_sen + excluded.amount_sen,
      points = points + excluded.points, unconfirmed = unconfirmed + excluded.unconfirmed;`;
const V15_TAKE_OLD = `UPDATE unclaimed_qr_totals SET awards = awards - 1, amount_sen = amount_sen - OLD.amount_sen,
      points = points - COALESCE(OLD.points_preview, 0), unconfirmed = unconfirmed - (1 - OLD.points_confirmed)
    WHERE day = (OLD.created_at + 28800000) / 86400000 AND cashier = OLD.cashier AND ${V15_UNCLAIMED('OLD.')};`;

export const MIGRATIONS: readonly string[] = [
  // 1: awards, their attempts and their append-only event trail.
  `
  CREATE TABLE awards (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    created_at       INTEGER NOT NULL,
    terminal_id      TEXT NOT NULL,
    cashier          TEXT NOT NULL,
    receipt_ref      TEXT,
    amount_sen       INTEGER NOT NULL CHECK (amount_sen > 0),
    member_type      TEXT NOT NULL CHECK (member_type IN ('ID', 'PHONENUMBER', 'QRCODE')),
    member_id        TEXT,
    country_code     TEXT,
    phone_number     TEXT,
    phone_reversed   TEXT,
    points_preview   INTEGER,
    state            TEXT NOT NULL CHECK (state IN ('QUEUED', 'SENDING', 'AWARDED', 'REJECTED', 'UNKNOWN', 'VOIDED', 'CANCELLED')),
    next_attempt_at  INTEGER NOT NULL DEFAULT 0,
    rm_item_id       TEXT,
    qr_code_url      TEXT,
    last_error_code  TEXT,
    last_error_message TEXT,
    resolved_by      TEXT,
    resolved_at      INTEGER,
    resolution_reason TEXT,
    updated_at       INTEGER NOT NULL,
    CHECK ((member_type = 'ID') = (member_id IS NOT NULL)),
    CHECK ((member_type = 'PHONENUMBER') = (phone_number IS NOT NULL AND country_code IS NOT NULL))
  );
  CREATE INDEX awards_by_time ON awards (created_at, seq);
  CREATE INDEX awards_by_state ON awards (state, created_at, seq);
  CREATE INDEX awards_by_cashier ON awards (cashier, created_at, seq);
  CREATE INDEX awards_by_member_id ON awards (member_id, created_at, seq) WHERE member_id IS NOT NULL;
  CREATE INDEX awards_by_phone_tail ON awards (phone_reversed, created_at, seq) WHERE phone_reversed IS NOT NULL;
  CREATE INDEX awards_by_receipt ON awards (receipt_ref, created_at, seq) WHERE receipt_ref IS NOT NULL;
  -- The relay's "oldest queued" (and "oldest queued claim QR") read straight off these, without a sort.
  CREATE INDEX awards_queued ON awards (seq) WHERE state = 'QUEUED';
  CREATE INDEX awards_queued_qr ON awards (seq) WHERE state = 'QUEUED' AND member_type = 'QRCODE';

  CREATE TABLE attempts (
    award_id    TEXT NOT NULL REFERENCES awards (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    nonce       TEXT NOT NULL UNIQUE,
    timestamp   TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    outcome     TEXT CHECK (outcome IN ('success', 'notApplied', 'maybeApplied', 'rejected', 'interrupted')),
    error_code  TEXT,
    finished_at INTEGER,
    PRIMARY KEY (award_id, number)
  );

  CREATE TABLE award_events (
    id          INTEGER PRIMARY KEY,
    award_id    TEXT NOT NULL REFERENCES awards (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    actor       TEXT NOT NULL,
    reason      TEXT,
    error_code  TEXT
  );
  CREATE INDEX award_events_by_award ON award_events (award_id, id);

  -- History is never rewritten: events cannot change, and go only when their award is purged by retention.
  CREATE TRIGGER award_events_no_update BEFORE UPDATE ON award_events
  BEGIN SELECT RAISE(ABORT, 'award events are append-only'); END;
  CREATE TRIGGER award_events_no_delete BEFORE DELETE ON award_events
  WHEN EXISTS (SELECT 1 FROM awards WHERE id = OLD.award_id)
  BEGIN SELECT RAISE(ABORT, 'award events are append-only'); END;

  -- A state may change only together with the event that records it.
  CREATE TRIGGER awards_state_needs_event BEFORE UPDATE OF state ON awards
  WHEN NEW.state IS NOT OLD.state AND NOT EXISTS (
    SELECT 1 FROM award_events e
    WHERE e.id = (SELECT MAX(id) FROM award_events WHERE award_id = NEW.id)
      AND e.from_state IS OLD.state AND e.to_state = NEW.state)
  BEGIN SELECT RAISE(ABORT, 'award state changed without an event'); END;

  -- An attempt's outcome is written once.
  CREATE TRIGGER attempts_outcome_once BEFORE UPDATE ON attempts
  WHEN OLD.outcome IS NOT NULL OR NEW.nonce IS NOT OLD.nonce OR NEW.timestamp IS NOT OLD.timestamp
  BEGIN SELECT RAISE(ABORT, 'an attempt is recorded once'); END;

  -- Totals per Malaysian calendar day (UTC+8, no daylight saving), cashier and state, kept by triggers in the same
  -- transaction as every insert, state change and purge: a year of day totals reads a few thousand rows instead of
  -- half a million awards.
  CREATE TABLE award_totals (
    day         INTEGER NOT NULL,
    cashier     TEXT NOT NULL,
    state       TEXT NOT NULL,
    awards      INTEGER NOT NULL,
    amount_sen  INTEGER NOT NULL,
    points      INTEGER NOT NULL,
    PRIMARY KEY (day, cashier, state)
  ) WITHOUT ROWID;

  CREATE TRIGGER award_totals_on_insert AFTER INSERT ON awards
  BEGIN
    INSERT INTO award_totals (day, cashier, state, awards, amount_sen, points)
    VALUES ((NEW.created_at + 28800000) / 86400000, NEW.cashier, NEW.state, 1, NEW.amount_sen, COALESCE(NEW.points_preview, 0))
    ON CONFLICT (day, cashier, state) DO UPDATE SET
      awards = awards + 1, amount_sen = amount_sen + excluded.amount_sen, points = points + excluded.points;
  END;

  CREATE TRIGGER award_totals_on_state AFTER UPDATE OF state ON awards WHEN NEW.state IS NOT OLD.state
  BEGIN
    UPDATE award_totals SET awards = awards - 1, amount_sen = amount_sen - OLD.amount_sen, points = points - COALESCE(OLD.points_preview, 0)
    WHERE day = (OLD.created_at + 28800000) / 86400000 AND cashier = OLD.cashier AND state = OLD.state;
    INSERT INTO award_totals (day, cashier, state, awards, amount_sen, points)
    VALUES ((NEW.created_at + 28800000) / 86400000, NEW.cashier, NEW.state, 1, NEW.amount_sen, COALESCE(NEW.points_preview, 0))
    ON CONFLICT (day, cashier, state) DO UPDATE SET
      awards = awards + 1, amount_sen = amount_sen + excluded.amount_sen, points = points + excluded.points;
  END;

  CREATE TRIGGER award_totals_on_delete AFTER DELETE ON awards
  BEGIN
    UPDATE award_totals SET awards = awards - 1, amount_sen = amount_sen - OLD.amount_sen, points = points - COALESCE(OLD.points_preview, 0)
    WHERE day = (OLD.created_at + 28800000) / 86400000 AND cashier = OLD.cashier AND state = OLD.state;
  END;
  `,
  // 2: an award's points are RM's own figure (its calculate endpoint for the amount, asked when the award is made or
  // settled) once Kaunter has it; until then they are an estimate and say so. Awards written before this are estimates
  // (a preview the counter gave, or none), and the relay confirms the awarded ones when RM can be asked. The totals
  // count how many awarded awards still carry an estimate, and follow a confirmed figure into the day's points.
  `
  ALTER TABLE awards ADD COLUMN points_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (points_confirmed IN (0, 1));
  ALTER TABLE award_totals ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0;
  UPDATE award_totals SET unconfirmed = awards;

  DROP TRIGGER award_totals_on_insert;
  CREATE TRIGGER award_totals_on_insert AFTER INSERT ON awards
  BEGIN
    ${V2_ADD_NEW}
  END;

  DROP TRIGGER award_totals_on_state;
  CREATE TRIGGER award_totals_on_state AFTER UPDATE OF state ON awards WHEN NEW.state IS NOT OLD.state
  BEGIN
    ${V2_TAKE_OLD}
    ${V2_ADD_NEW}
  END;

  DROP TRIGGER award_totals_on_delete;
  CREATE TRIGGER award_totals_on_delete AFTER DELETE ON awards
  BEGIN
    ${V2_TAKE_OLD}
  END;

  -- Points confirmed (or changed) without a state change; a state change moves them with the award above.
  CREATE TRIGGER award_totals_on_points AFTER UPDATE OF points_preview, points_confirmed ON awards
  WHEN NEW.state IS OLD.state AND (NEW.points_preview IS NOT OLD.points_preview OR NEW.points_confirmed IS NOT OLD.points_confirmed)
  BEGIN
    UPDATE award_totals SET points = points - COALESCE(OLD.points_preview, 0) + COALESCE(NEW.points_preview, 0),
      unconfirmed = unconfirmed - (1 - OLD.points_confirmed) + (1 - NEW.points_confirmed)
    WHERE day = (OLD.created_at + 28800000) / 86400000 AND cashier = OLD.cashier AND state = OLD.state;
  END;
  `,
  // 3: when the customer claimed a claim QR's points, as far as Kaunter could learn it (RM refusing a cancel because the
  // QR was redeemed, or RM saying so when asked). A claimed QR is not offered for cancelling.
  `
  ALTER TABLE awards ADD COLUMN claimed_at INTEGER;
  `,
  // 4: the hub a terminal has joined, and how far the hub has acknowledged its event trail (app/sync/). Retention keeps
  // every award with an event past that position.
  `
  CREATE TABLE hub_sync (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    hub_url         TEXT NOT NULL,
    hub_terminal_id TEXT NOT NULL,
    outlet          TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    acked_event_id  INTEGER NOT NULL DEFAULT 0 CHECK (acked_event_id >= 0)
  );
  `,
  // 5: a cashier's shift at a terminal: who, from when, to when (no end while it is open). Its awards are that
  // terminal's awards by that cashier in that time, which the awards already record: nothing of them is copied here.
  // A terminal has at most one open shift.
  `
  CREATE TABLE shifts (
    id          INTEGER PRIMARY KEY,
    terminal_id TEXT NOT NULL,
    cashier     TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    CHECK (ended_at IS NULL OR ended_at >= started_at)
  );
  CREATE UNIQUE INDEX shifts_open_per_terminal ON shifts (terminal_id) WHERE ended_at IS NULL;
  CREATE INDEX shifts_by_start ON shifts (started_at, id);
  CREATE INDEX shifts_by_cashier ON shifts (cashier, started_at, id);
  CREATE INDEX shifts_by_terminal ON shifts (terminal_id, started_at, id);
  `,
  // 6: the RM evidence gathered for an UNKNOWN award (app/awards/evidence-store.ts), the newest per award, validated and
  // bounded before it is written; it goes with the award to the hub, and with the award when retention purges it.
  `
  CREATE TABLE award_evidence (
    award_id    TEXT PRIMARY KEY REFERENCES awards (id) ON DELETE CASCADE,
    gathered_at INTEGER NOT NULL,
    evidence    TEXT NOT NULL CHECK (json_valid(evidence) AND length(evidence) <= 65536)
  );
  `,
  // 7: the hub's decisions this counter has carried out, and what it reported, written with the decision's effect. The
  // hub offers a decision until the report reaches it; one already carried out is only reported again, never repeated
  // (a resend repeated after its award went UNKNOWN again would send that award twice).
  `
  CREATE TABLE hub_decisions (
    id             TEXT PRIMARY KEY,
    outcome        TEXT NOT NULL CHECK (outcome IN ('carried-out', 'refused')),
    message        TEXT NOT NULL,
    carried_out_at INTEGER NOT NULL
  );
  `,
  // 8: a restore from the hub that has begun writing and not finished (app/sync/restore.ts): for which terminal (its id,
  // and its names for the words that say which to join as), and the hub's position in its trail then. Written with its
  // first page and removed with its last: a restore cut short (a power cut) is finished by the next one for the same
  // terminal, which writes only the awards still missing, instead of leaving a partial history for good.
  `
  CREATE TABLE restore_progress (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    hub_terminal_id TEXT NOT NULL,
    outlet          TEXT NOT NULL,
    terminal        TEXT NOT NULL,
    acked_seq       INTEGER NOT NULL CHECK (acked_seq >= 0)
  );
  `,
  // 9: receipt numbers match whatever their case ("inv-7" typed is the "INV-7" scanned), for the check of a receipt given
  // twice and for history's receipt filter. NOCASE folds ASCII letters only, which is what tills print.
  `
  DROP INDEX awards_by_receipt;
  CREATE INDEX awards_by_receipt ON awards (receipt_ref COLLATE NOCASE, created_at, seq) WHERE receipt_ref IS NOT NULL;
  `,
  // 10: an award records the shift it was made in, so a shift's awards are its own whatever the PC's clock did (a clock
  // put back an hour during a shift left its time window with none of them). A shift that had ended before this keeps
  // the awards its window gave it (owns_awards = 0): only awards that record no shift, so none made since. A shift open
  // now takes the awards its window gave it so far, and every award made in it from now on. Retention may remove a
  // shift and keep an award of it (one still owed an outcome): that award then records none, so a later shift given
  // the same id never takes it.
  `
  ALTER TABLE awards ADD COLUMN shift_id INTEGER REFERENCES shifts (id) ON DELETE SET NULL;
  CREATE INDEX awards_by_shift ON awards (shift_id, created_at, seq) WHERE shift_id IS NOT NULL;
  ALTER TABLE shifts ADD COLUMN owns_awards INTEGER NOT NULL DEFAULT 1 CHECK (owns_awards IN (0, 1));
  UPDATE shifts SET owns_awards = 0 WHERE ended_at IS NOT NULL;
  UPDATE awards SET shift_id = open.id FROM shifts AS open
  WHERE open.ended_at IS NULL AND awards.terminal_id = open.terminal_id AND awards.cashier = open.cashier
    AND awards.created_at >= open.started_at;
  `,
  // 11: when this counter, finding the hub ahead of its own trail (a PC put back from a backup copy), held the awards
  // the copy still had waiting to be sent: once, so the awards made at the counter afterwards are sent as usual.
  `
  ALTER TABLE hub_sync ADD COLUMN put_back_held_at INTEGER;
  `,
  // 12: the counter's count of awards RM refused lately (app/awards/refused-lately.ts), asked at every refusal: without
  // it the count read every refused award ever made (30 ms on a 1,000,000-award file with 3% refused; 0.2 ms with it).
  `
  CREATE INDEX awards_rejected_by_update ON awards (updated_at) WHERE state = 'REJECTED';
  `,
  // 13: this database's trail, named once at random (app/core/trail-mark.ts): a copy of the file carries the same name,
  // so the keychain's mark of how far the trail had come tells a copy put back from how far the file itself has come.
  `
  CREATE TABLE trail_identity (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    trail_id TEXT NOT NULL CHECK (length(trail_id) BETWEEN 1 AND 64)
  );
  `,
  // 14: the manager's mark that the counter's news of refused awards has been seen (app/awards/refused-lately.ts): the
  // newest award event then (what is counted after it), when on the core's clock (what the screen says), and by whom.
  // The counter counts only refusals after it, so the next shift is not told again of what the manager has already
  // handled; one row, replaced by each mark.
  `
  CREATE TABLE refusals_seen (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seen_event INTEGER NOT NULL,
    seen_at    INTEGER NOT NULL,
    seen_by    TEXT NOT NULL
  );
  `,
  // 15: claim QRs RM made that Kaunter has not seen claimed, which History's totals count apart from the points given
  // (app/awards/given.ts), summed per day and cashier beside award_totals, which cannot tell them from other awarded
  // awards. Kept by triggers as award_totals is: a year of totals then reads a few thousand rows whatever share of the
  // awards are claim QRs (all of them unclaimed, as far as Kaunter knows, where RM does not answer the claim read).
  `
  CREATE TABLE unclaimed_qr_totals (
    day         INTEGER NOT NULL,
    cashier     TEXT NOT NULL,
    awards      INTEGER NOT NULL,
    amount_sen  INTEGER NOT NULL,
    points      INTEGER NOT NULL,
    unconfirmed INTEGER NOT NULL,
    PRIMARY KEY (day, cashier)
  ) WITHOUT ROWID;

  INSERT INTO unclaimed_qr_totals (day, cashier, awards, amount_sen, points, unconfirmed)
    SELECT (created_at + 28800000) / 86400000, cashier, COUNT(*), SUM(amount_sen), SUM(COALESCE(points_preview, 0)), SUM(1 - points_confirmed)
    FROM awards WHERE ${V15_UNCLAIMED('')} GROUP BY 1, 2;

  CREATE TRIGGER unclaimed_qr_totals_on_insert AFTER INSERT ON awards WHEN ${V15_UNCLAIMED('NEW.')}
  BEGIN
    ${V15_ADD_NEW}
  END;

  CREATE TRIGGER unclaimed_qr_totals_on_update AFTER UPDATE OF state, claimed_at, points_preview, points_confirmed ON awards
  WHEN (${V15_UNCLAIMED('OLD.')}) OR (${V15_UNCLAIMED('NEW.')})
  BEGIN
    ${V15_TAKE_OLD}
    ${V15_ADD_NEW}
  END;

  CREATE TRIGGER unclaimed_qr_totals_on_delete AFTER DELETE ON awards WHEN ${V15_UNCLAIMED('OLD.')}
  BEGIN
    ${V15_TAKE_OLD}
  END;
  `,
];
