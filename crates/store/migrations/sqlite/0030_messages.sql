-- Secure messages [FHIR Communication] between a patient and the care team of one
-- enrollment: a thread per enrollment, owned by the unit that runs it. The team is the
-- unit, not a person: any member reads and answers.
CREATE TABLE messages (
    id             TEXT PRIMARY KEY,
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    enrollment_id  TEXT NOT NULL REFERENCES enrollments (id),
    unit_id        TEXT NOT NULL REFERENCES units (id),
    -- Who wrote it: the patient, or a member of the team (sender_id).
    sender         TEXT NOT NULL CHECK (sender IN ('patient', 'team')),
    sender_id      TEXT NOT NULL REFERENCES users (id),
    in_response_to TEXT REFERENCES messages (id),
    body           TEXT NOT NULL,
    sent_at        TEXT NOT NULL,
    -- Read by the other side (any team member for a patient's message).
    read_at        TEXT,
    read_by        TEXT REFERENCES users (id),
    -- A patient's message: when the program's answer time runs out, when the team
    -- answered (its next message in the thread), and the alert raised when it waited too long.
    answer_due     TEXT,
    answered_at    TEXT,
    overdue_alert  TEXT REFERENCES alerts (id)
);
CREATE INDEX messages_enrollment ON messages (enrollment_id, sent_at);
CREATE INDEX messages_unit_waiting ON messages (unit_id, sender, answered_at, sent_at);
CREATE INDEX messages_patient ON messages (patient_id, sent_at);

-- Files on a message: photos (location data removed) and PDF documents, checked by content.
CREATE TABLE message_attachments (
    id         TEXT PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES messages (id),
    media_type TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    size       BIGINT NOT NULL,
    content    BLOB NOT NULL
);
CREATE INDEX message_attachments_message ON message_attachments (message_id);

-- Answers a unit uses often, to start a reply from.
CREATE TABLE reply_templates (
    id         TEXT PRIMARY KEY,
    unit_id    TEXT NOT NULL REFERENCES units (id),
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TEXT NOT NULL
);
CREATE INDEX reply_templates_unit ON reply_templates (unit_id, title);
