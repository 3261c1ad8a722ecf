-- Procedure registration for a quality registry (decision 0052): one row per procedure
-- a clinician registered, owned by their unit; the answers are a QuestionnaireResponse
-- of the procedure's form. Every version is also in record_history.
CREATE TABLE procedures (
    id           TEXT PRIMARY KEY,
    unit_id      TEXT NOT NULL REFERENCES units (id),
    patient_id   TEXT NOT NULL REFERENCES patients (id),
    form_key     TEXT NOT NULL,
    performed_on TEXT NOT NULL,
    performer    TEXT NOT NULL REFERENCES users (id),
    status       TEXT NOT NULL CHECK (status IN ('completed', 'entered-in-error')),
    response     JSONB NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    version      BIGINT NOT NULL
);
CREATE INDEX procedures_unit ON procedures (unit_id, form_key, performed_on);
CREATE INDEX procedures_patient ON procedures (patient_id);
