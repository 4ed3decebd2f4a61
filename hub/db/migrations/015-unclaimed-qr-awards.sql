-- kaunter: without a transaction
-- Claim QRs RM made that no counter has seen claimed, which head office's totals count apart from the points given
-- (app/awards/given.ts). The per-day summary cannot tell them from other awarded awards, so totals read from it take
-- them away from the index alone (hub/totals.ts: it holds every column that read needs), rather than reading every
-- awarded award of the range. Built concurrently: counters keep pushing meanwhile.
CREATE INDEX CONCURRENTLY IF NOT EXISTS awards_unclaimed_qr ON awards (created_at)
  INCLUDE (outlet_id, terminal_id, cashier, amount_sen, points_preview, points_confirmed)
  WHERE state = 'AWARDED' AND member_type = 'QRCODE' AND claimed_at IS NULL;
