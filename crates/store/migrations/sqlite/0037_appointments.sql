-- Appointments (decision 0036): a video consultation, a group video session or a visit
-- on site, owned by the unit that booked it, with its patients (one, or a group up to its
-- capacity). Each participant belongs to one of the unit's enrollments; `reminded_start`
-- is the start time their reminder was sent for, so a moved appointment reminds again
-- and an unchanged one never twice.
CREATE TABLE appointments (
    id         TEXT PRIMARY KEY,
    unit_id    TEXT NOT NULL REFERENCES units (id),
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL,
    start_at   TEXT NOT NULL,
    minutes    BIGINT NOT NULL,
    capacity   BIGINT NOT NULL,
    place      TEXT,
    join_url   TEXT,
    booked_by  TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX appointments_unit_start ON appointments (unit_id, start_at);
CREATE INDEX appointments_status_start ON appointments (status, start_at);
CREATE TABLE appointment_participants (
    appointment_id TEXT NOT NULL REFERENCES appointments (id),
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    enrollment_id  TEXT NOT NULL REFERENCES enrollments (id),
    attended       BIGINT,
    reminded_start TEXT,
    added_at       TEXT NOT NULL,
    PRIMARY KEY (appointment_id, patient_id)
);
CREATE INDEX appointment_participants_patient ON appointment_participants (patient_id);
