-- Receipt numbers match whatever their case ("inv-7" typed is the "INV-7" scanned), as at the counter. The counter's
-- SQLite folds ASCII letters only; lower() folds more, which only ever finds more.
DROP INDEX awards_by_receipt;
CREATE INDEX awards_by_receipt ON awards (lower(receipt_ref)) WHERE receipt_ref IS NOT NULL;
