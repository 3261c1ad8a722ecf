-- backend-specific: SQLite rebuilds the table to change a CHECK constraint, PostgreSQL
-- replaces the constraint.
-- An alert can now say that a patient's message waited past its answer time
-- (reason 'unanswered').
ALTER TABLE alerts DROP CONSTRAINT alerts_reason_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_reason_check
    CHECK (reason IN ('value', 'trend', 'score', 'missing', 'expired', 'unanswered'));
