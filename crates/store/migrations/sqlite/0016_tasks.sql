-- The follow-up engine: each occurrence of a program's questionnaire schedule becomes a
-- task for the patient [FHIR Task] when it comes due, never a whole series in advance.
-- schedule_cursors holds, per active enrollment and schedule entry, the next occurrence
-- and when it is due, so one scheduler pass reads only what is due (index on next_due_at).
CREATE TABLE tasks (
    id                TEXT PRIMARY KEY,
    enrollment_id     TEXT NOT NULL REFERENCES enrollments (id),
    patient_id        TEXT NOT NULL REFERENCES patients (id),
    unit_id           TEXT NOT NULL REFERENCES units (id),
    questionnaire_key TEXT NOT NULL,
    schedule_entry    BIGINT NOT NULL,
    occurrence        BIGINT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'overdue', 'completed', 'expired', 'cancelled')),
    due_at            TEXT NOT NULL,
    overdue_at        TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    completed_at      TEXT,
    response_id       TEXT REFERENCES questionnaire_responses (id),
    version           BIGINT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- Two scheduler passes can never make the same occurrence twice.
    UNIQUE (enrollment_id, schedule_entry, occurrence)
);
CREATE INDEX tasks_enrollment_status ON tasks (enrollment_id, status, due_at);
CREATE INDEX tasks_patient ON tasks (patient_id, due_at);
CREATE INDEX tasks_unit_status ON tasks (unit_id, status, due_at);
CREATE INDEX tasks_status_overdue ON tasks (status, overdue_at);
CREATE INDEX tasks_status_expires ON tasks (status, expires_at);

CREATE TABLE schedule_cursors (
    enrollment_id   TEXT NOT NULL REFERENCES enrollments (id),
    schedule_entry  BIGINT NOT NULL,
    next_occurrence BIGINT NOT NULL,
    next_due_at     TEXT NOT NULL,
    PRIMARY KEY (enrollment_id, schedule_entry)
);
CREATE INDEX schedule_cursors_due ON schedule_cursors (next_due_at);
