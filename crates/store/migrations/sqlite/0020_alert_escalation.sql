-- Why an alert was raised (a value past a limit, a score in a band, no measurement in time)
-- and its escalation when left unacknowledged: each alert knows when it escalates (from its
-- program's escalation times; NULL: never, or done), and each unit where to send it.
ALTER TABLE alerts ADD COLUMN escalate_at TEXT;
ALTER TABLE alerts ADD COLUMN escalated_at TEXT;
CREATE INDEX alerts_escalate ON alerts (status, escalate_at);
ALTER TABLE units ADD COLUMN alert_email TEXT;
ALTER TABLE units ADD COLUMN alert_mobile TEXT;
ALTER TABLE alerts ADD COLUMN reason TEXT NOT NULL DEFAULT 'value' CHECK (reason IN ('value', 'trend', 'score', 'missing', 'expired'));
