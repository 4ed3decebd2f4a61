-- kaunter: without a transaction
-- The audit read by what it is about: the sign-ins a user made (read when a name is under attack, hub/people.ts) and
-- whether a counter was already told of an award on a receipt (hub/receipts.ts), which a seq scan of an ever-growing
-- table would otherwise answer. Built concurrently: sign-ins and decisions keep writing the audit meanwhile.
CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_by_subject ON audit (subject, action);
