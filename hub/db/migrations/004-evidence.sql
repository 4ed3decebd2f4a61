-- The RM evidence a counter gathered on an UNKNOWN award (what the member's point history showed around its attempts),
-- pushed with the award: head office weighs it against every counter's awards without ever asking RM. One row per
-- award, the newest gathering; the shape and its bounds are the core's (app/awards/rm-evidence.ts), checked on ingest.
CREATE TABLE award_evidence (
  award_id    uuid PRIMARY KEY REFERENCES awards (id),
  gathered_at bigint NOT NULL,
  evidence    jsonb NOT NULL
);
