-- Scores computed from questionnaire responses, stored as FHIR Observations linked to the
-- response they are derived from, so dashboards and the FHIR API can query them.
CREATE TABLE observations (
    id           TEXT PRIMARY KEY,
    patient_id   TEXT NOT NULL REFERENCES patients (id),
    response_id  TEXT REFERENCES questionnaire_responses (id),
    code         TEXT NOT NULL,
    value        DOUBLE PRECISION,
    band         TEXT,
    effective_at TIMESTAMPTZ NOT NULL,
    body         JSONB NOT NULL,
    version      BIGINT NOT NULL
);
CREATE INDEX observations_patient_code ON observations (patient_id, code, effective_at);
CREATE INDEX observations_response ON observations (response_id);
-- A form saved half done is one in-progress response per enrollment and questionnaire.
CREATE INDEX questionnaire_responses_status ON questionnaire_responses (enrollment_id, questionnaire_id, status);
