-- Outlets, their terminals, and the awards, attempts and events the terminals push. Times are epoch milliseconds, as on
-- the counters, so a record compares equal at both ends.

CREATE TABLE outlets (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE terminals (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  outlet_id        uuid NOT NULL REFERENCES outlets (id),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  -- SHA-256 of the one-time enrolment code and of the terminal credential: both are long random secrets, so a fast
  -- hash is enough (nothing to brute-force), and a stolen database gives no working credential.
  enrol_code_hash  bytea UNIQUE,
  enrol_expires_at timestamptz,
  credential_hash  bytea,
  enrolled_at      timestamptz,
  revoked_at       timestamptz,
  acked_seq        bigint NOT NULL DEFAULT 0,
  last_push_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (outlet_id, name)
);

CREATE TABLE awards (
  id                 uuid PRIMARY KEY,
  terminal_id        uuid NOT NULL REFERENCES terminals (id),
  outlet_id          uuid NOT NULL REFERENCES outlets (id),
  terminal_label     text NOT NULL,
  created_at         bigint NOT NULL,
  cashier            text NOT NULL,
  receipt_ref        text,
  amount_sen         bigint NOT NULL CHECK (amount_sen > 0),
  member_type        text NOT NULL CHECK (member_type IN ('ID', 'PHONENUMBER', 'QRCODE')),
  member_id          text,
  country_code       text,
  phone_number       text,
  phone_reversed     text,
  points_preview     bigint,
  state              text NOT NULL CHECK (state IN ('QUEUED', 'SENDING', 'AWARDED', 'REJECTED', 'UNKNOWN', 'VOIDED', 'CANCELLED')),
  rm_item_id         text,
  qr_code_url        text,
  last_error_code    text,
  last_error_message text,
  resolved_by        text,
  resolved_at        bigint,
  resolution_reason  text,
  updated_at         bigint NOT NULL,
  last_event_seq     bigint NOT NULL
);
CREATE INDEX awards_by_time ON awards (created_at DESC, id DESC);
CREATE INDEX awards_by_outlet ON awards (outlet_id, created_at DESC, id DESC);
CREATE INDEX awards_by_terminal ON awards (terminal_id, created_at DESC, id DESC);
CREATE INDEX awards_by_state ON awards (state, created_at DESC, id DESC);
CREATE INDEX awards_by_cashier ON awards (cashier, created_at DESC, id DESC);
CREATE INDEX awards_by_member_id ON awards (member_id, created_at DESC) WHERE member_id IS NOT NULL;
CREATE INDEX awards_by_phone ON awards (phone_number, country_code, created_at) WHERE phone_number IS NOT NULL;
CREATE INDEX awards_by_phone_tail ON awards (phone_reversed text_pattern_ops) WHERE phone_reversed IS NOT NULL;
CREATE INDEX awards_by_receipt ON awards (receipt_ref) WHERE receipt_ref IS NOT NULL;
CREATE INDEX awards_unknown ON awards (created_at DESC, id DESC) WHERE state = 'UNKNOWN';

CREATE TABLE attempts (
  award_id    uuid NOT NULL REFERENCES awards (id),
  number      integer NOT NULL,
  nonce       text NOT NULL,
  timestamp   text NOT NULL,
  started_at  bigint NOT NULL,
  outcome     text CHECK (outcome IN ('success', 'notApplied', 'maybeApplied', 'rejected', 'interrupted')),
  error_code  text,
  finished_at bigint,
  PRIMARY KEY (award_id, number)
);

-- The terminal's trail, keyed by the terminal's own event sequence: a batch applied twice inserts nothing the second time.
CREATE TABLE award_events (
  terminal_id uuid NOT NULL REFERENCES terminals (id),
  seq         bigint NOT NULL,
  award_id    uuid NOT NULL REFERENCES awards (id),
  at          bigint NOT NULL,
  from_state  text,
  to_state    text NOT NULL,
  actor       text NOT NULL,
  reason      text,
  error_code  text,
  PRIMARY KEY (terminal_id, seq)
);
CREATE INDEX award_events_by_award ON award_events (award_id, seq);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER award_events_append_only BEFORE UPDATE OR DELETE ON award_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Totals per Malaysian calendar day (UTC+8), outlet, terminal, cashier and state, kept in the same transaction as every
-- award insert and state change, so a year of day totals per outlet reads thousands of rows, not millions of awards.
CREATE TABLE award_totals (
  day         integer NOT NULL,
  outlet_id   uuid NOT NULL,
  terminal_id uuid NOT NULL,
  cashier     text NOT NULL,
  state       text NOT NULL,
  awards      bigint NOT NULL,
  amount_sen  bigint NOT NULL,
  points      bigint NOT NULL,
  PRIMARY KEY (outlet_id, day, terminal_id, cashier, state)
);
CREATE INDEX award_totals_by_day ON award_totals (day);

CREATE FUNCTION award_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.state = OLD.state THEN RETURN NULL; END IF;
    UPDATE award_totals SET awards = awards - 1, amount_sen = amount_sen - OLD.amount_sen,
      points = points - COALESCE(OLD.points_preview, 0)
    WHERE outlet_id = OLD.outlet_id AND day = (OLD.created_at + 28800000) / 86400000
      AND terminal_id = OLD.terminal_id AND cashier = OLD.cashier AND state = OLD.state;
  END IF;
  INSERT INTO award_totals (day, outlet_id, terminal_id, cashier, state, awards, amount_sen, points)
  VALUES ((NEW.created_at + 28800000) / 86400000, NEW.outlet_id, NEW.terminal_id, NEW.cashier, NEW.state, 1,
    NEW.amount_sen, COALESCE(NEW.points_preview, 0))
  ON CONFLICT (outlet_id, day, terminal_id, cashier, state) DO UPDATE SET
    awards = award_totals.awards + 1, amount_sen = award_totals.amount_sen + EXCLUDED.amount_sen,
    points = award_totals.points + EXCLUDED.points;
  RETURN NULL;
END $$;
CREATE TRIGGER award_totals_on_insert AFTER INSERT ON awards FOR EACH ROW EXECUTE FUNCTION award_totals_apply();
CREATE TRIGGER award_totals_on_state AFTER UPDATE OF state ON awards FOR EACH ROW EXECUTE FUNCTION award_totals_apply();

-- Hub users: head office sees every outlet, an outlet manager only their own.
CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
  role            text NOT NULL CHECK (role IN ('head-office', 'outlet-manager')),
  outlet_id       uuid REFERENCES outlets (id),
  password_hash   text NOT NULL,
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'outlet-manager') = (outlet_id IS NOT NULL))
);

CREATE TABLE sessions (
  token_hash  bytea PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);

-- Who decided what, and when: every manager decision and every enrolment or revocation.
CREATE TABLE audit (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  subject     text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A decision taken at the hub on an UNKNOWN award, waiting for its counter to carry it out.
CREATE TABLE decisions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  award_id     uuid NOT NULL REFERENCES awards (id),
  terminal_id  uuid NOT NULL REFERENCES terminals (id),
  decision     text NOT NULL CHECK (decision IN ('credited', 'resend', 'void')),
  reason       text NOT NULL,
  decided_by   text NOT NULL,
  decided_at   timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  outcome      text
);
CREATE UNIQUE INDEX decisions_one_open ON decisions (award_id) WHERE outcome IS NULL;
CREATE INDEX decisions_for_terminal ON decisions (terminal_id) WHERE outcome IS NULL;
