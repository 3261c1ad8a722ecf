-- backend-specific: SQLite rebuilds the table to change a CHECK constraint, PostgreSQL
-- replaces the constraint.
-- An alert can now say that a patient's message waited past its answer time
-- (reason 'unanswered'). SQLite cannot change a CHECK constraint in place: the table is
-- rebuilt with the same columns, rows and indexes (nothing else refers to it yet).
CREATE TABLE alerts_rebuilt (
    id              TEXT PRIMARY KEY,
    patient_id      TEXT NOT NULL REFERENCES patients (id),
    unit_id         TEXT NOT NULL REFERENCES units (id),
    enrollment_id   TEXT REFERENCES enrollments (id),
    colour          TEXT NOT NULL CHECK (colour IN ('yellow', 'red')),
    observation_id  TEXT REFERENCES observations (id),
    measurement     TEXT NOT NULL,
    value           REAL,
    status          TEXT NOT NULL CHECK (status IN ('active', 'acknowledged')),
    raised_at       TEXT NOT NULL,
    acknowledged_by TEXT REFERENCES users (id),
    acknowledged_at TEXT,
    note            TEXT,
    version         BIGINT NOT NULL,
    escalate_at     TEXT,
    escalated_at    TEXT,
    reason          TEXT NOT NULL DEFAULT 'value'
                    CHECK (reason IN ('value', 'trend', 'score', 'missing', 'expired', 'unanswered')),
    label           TEXT
);
INSERT INTO alerts_rebuilt (id, patient_id, unit_id, enrollment_id, colour, observation_id,
    measurement, value, status, raised_at, acknowledged_by, acknowledged_at, note, version,
    escalate_at, escalated_at, reason, label)
SELECT id, patient_id, unit_id, enrollment_id, colour, observation_id, measurement, value,
    status, raised_at, acknowledged_by, acknowledged_at, note, version, escalate_at,
    escalated_at, reason, label
FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_rebuilt RENAME TO alerts;
CREATE INDEX alerts_unit_status ON alerts (unit_id, status, colour, raised_at);
CREATE INDEX alerts_patient ON alerts (patient_id, raised_at);
CREATE INDEX alerts_escalate ON alerts (status, escalate_at);
