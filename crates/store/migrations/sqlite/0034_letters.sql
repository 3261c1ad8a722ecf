-- Letters to the GP (decision 0034): one per enrollment and letter point, owned by the
-- unit that runs the enrollment. A draft waits on the unit's worklist; once signed, a
-- job sets the PDF and the Hodemelding that carries it, and the outbox delivers it. The
-- PDF and the message are kept: what was sent can always be shown again.
ALTER TABLE patients ADD COLUMN gp_her_id TEXT;
ALTER TABLE units ADD COLUMN her_id TEXT;
CREATE TABLE letters (
    id            TEXT PRIMARY KEY,
    enrollment_id TEXT NOT NULL REFERENCES enrollments (id),
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    unit_id       TEXT NOT NULL REFERENCES units (id),
    point         TEXT NOT NULL,
    status        TEXT NOT NULL,
    assessment    TEXT,
    facts         TEXT,
    gp_name       TEXT,
    gp_her_id     TEXT,
    signed_by     TEXT REFERENCES users (id),
    signed_at     TEXT,
    sent_at       TEXT,
    sends         BIGINT NOT NULL DEFAULT 0,
    pdf           BLOB,
    message       BLOB,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    UNIQUE (enrollment_id, point)
);
CREATE INDEX letters_unit_status ON letters (unit_id, status);
CREATE INDEX letters_patient ON letters (patient_id, created_at);
