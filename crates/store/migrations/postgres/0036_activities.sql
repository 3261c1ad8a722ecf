-- Activity codes (decision 0035): each coded piece of work, for the unit's monthly report
-- to NPR. The code and its system are kept as chosen, so a report reads the same after
-- the year's list changes; one code per piece of work.
CREATE TABLE activities (
    id           TEXT PRIMARY KEY,
    unit_id      TEXT NOT NULL REFERENCES units (id),
    patient_id   TEXT NOT NULL REFERENCES patients (id),
    performed_by TEXT NOT NULL REFERENCES users (id),
    kind         TEXT NOT NULL,
    code         TEXT NOT NULL,
    code_system  TEXT NOT NULL,
    performed_at TIMESTAMPTZ NOT NULL,
    source_type  TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    UNIQUE (source_type, source_id)
);
CREATE INDEX activities_unit_time ON activities (unit_id, performed_at);
CREATE INDEX activities_patient ON activities (patient_id);
