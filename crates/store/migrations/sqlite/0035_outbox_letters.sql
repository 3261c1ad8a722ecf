-- backend-specific: SQLite changes a CHECK by rebuilding the table.
-- The outbox also carries letters to GPs (channel `dialogmelding`); every row is kept.
CREATE TABLE outbox_new (
    id              TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    patient_id      TEXT REFERENCES patients (id),
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'dialogmelding')),
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    message_id      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent')),
    attempts        BIGINT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    leased_until    TEXT,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    content         TEXT,
    lang            TEXT
);
INSERT INTO outbox_new (id, idempotency_key, patient_id, channel, recipient, subject, body,
        message_id, status, attempts, next_attempt_at, leased_until, last_error, created_at,
        sent_at, content, lang)
    SELECT id, idempotency_key, patient_id, channel, recipient, subject, body, message_id,
        status, attempts, next_attempt_at, leased_until, last_error, created_at, sent_at,
        content, lang
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_patient ON outbox (patient_id);
