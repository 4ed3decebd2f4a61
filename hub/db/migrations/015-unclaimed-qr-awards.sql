-- Claim QRs RM made that no counter has seen claimed, which head office's totals count apart from the points given
-- (app/awards/given.ts). The per-day summary cannot tell them from other awarded awards, so totals read from it take
-- them away using this index's rows alone (hub/totals.ts), rather than every awarded award of the range.
CREATE INDEX awards_unclaimed_qr ON awards (created_at) WHERE state = 'AWARDED' AND member_type = 'QRCODE' AND claimed_at IS NULL;
