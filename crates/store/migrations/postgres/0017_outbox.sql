-- Reminders and everything else that leaves the system go through the outbox: written in
-- the same transaction as their cause, delivered by the job runner with retries. A
-- message carries no health information, only that something is waiting and a link.
ALTER TABLE patients ADD COLUMN email TEXT;
ALTER TABLE patients ADD COLUMN mobile TEXT;

-- How many of its schedule entry's reminders a task has had, and when the next is due
-- (NULL once it is answered, closed or cancelled, so due reminders are one index range).
ALTER TABLE tasks ADD COLUMN reminders_sent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN next_reminder_at TIMESTAMPTZ;
CREATE INDEX tasks_next_reminder ON tasks (next_reminder_at);

CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    -- What the message is for (e.g. reminder:{task}:{n}:email): a cause makes it once.
    idempotency_key TEXT NOT NULL UNIQUE,
    -- Whom it goes to, so the patient's records can be deleted with it.
    patient_id      TEXT REFERENCES patients (id),
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    -- Stable across retries, so a message repeated after a crash is recognisably the same.
    message_id      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent')),
    attempts        BIGINT NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    -- A node delivering it holds it until then; after a crash another node takes over.
    leased_until    TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_patient ON outbox (patient_id);
