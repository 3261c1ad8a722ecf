-- backend-specific: SQLite changes a CHECK by rebuilding the table.
-- The outbox also carries letters to GPs (channel `dialogmelding`).
ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check
    CHECK (channel IN ('email', 'sms', 'dialogmelding'));
