-- Alerts [FHIR Flag]: a yellow or red result of the self-management plan, raised in the
-- same transaction as the measurement that caused it, for the care team of the patient's
-- unit to see on their worklist and acknowledge.
CREATE TABLE alerts (
    id              TEXT PRIMARY KEY,
    patient_id      TEXT NOT NULL REFERENCES patients (id),
    unit_id         TEXT NOT NULL REFERENCES units (id),
    enrollment_id   TEXT REFERENCES enrollments (id),
    colour          TEXT NOT NULL CHECK (colour IN ('yellow', 'red')),
    -- What raised it: the measurement and its key and value.
    observation_id  TEXT REFERENCES observations (id),
    measurement     TEXT NOT NULL,
    value           DOUBLE PRECISION,
    status          TEXT NOT NULL CHECK (status IN ('active', 'acknowledged')),
    raised_at       TIMESTAMPTZ NOT NULL,
    acknowledged_by TEXT REFERENCES users (id),
    acknowledged_at TIMESTAMPTZ,
    note            TEXT,
    version         BIGINT NOT NULL
);
CREATE INDEX alerts_unit_status ON alerts (unit_id, status, colour, raised_at);
CREATE INDEX alerts_patient ON alerts (patient_id, raised_at);
