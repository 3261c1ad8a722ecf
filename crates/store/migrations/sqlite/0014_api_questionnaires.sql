-- no-transaction
-- backend-specific: SQLite cannot drop NOT NULL, so the two tables are rebuilt (with
-- foreign keys off, as SQLite's documentation prescribes); PostgreSQL alters them.
-- Questionnaires may now come through the FHIR API, outside any program version, and
-- responses through the API belong to a patient, with or without an enrollment.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE questionnaires_new (
    id                 TEXT PRIMARY KEY,
    program_version_id TEXT REFERENCES program_versions (id),
    key                TEXT,
    url                TEXT NOT NULL,
    version            TEXT NOT NULL,
    body               TEXT NOT NULL,
    scoring            TEXT,
    status             TEXT NOT NULL DEFAULT 'active',
    name               TEXT,
    title              TEXT,
    resource_version   BIGINT NOT NULL DEFAULT 1,
    updated_at         TEXT,
    UNIQUE (program_version_id, key)
);
INSERT INTO questionnaires_new (id, program_version_id, key, url, version, body, scoring, status, name, title)
    SELECT id, program_version_id, key, url, version, body, scoring,
           COALESCE(json_extract(body, '$.status'), 'active'), json_extract(body, '$.name'), json_extract(body, '$.title')
    FROM questionnaires;
DROP TABLE questionnaires;
ALTER TABLE questionnaires_new RENAME TO questionnaires;
CREATE INDEX questionnaires_canonical ON questionnaires (url, version);

CREATE TABLE questionnaire_responses_new (
    id               TEXT PRIMARY KEY,
    patient_id       TEXT NOT NULL REFERENCES patients (id),
    enrollment_id    TEXT REFERENCES enrollments (id),
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id),
    status           TEXT NOT NULL CHECK (status IN ('in-progress', 'completed', 'amended', 'entered-in-error', 'stopped')),
    body             TEXT NOT NULL,
    authored_at      TEXT NOT NULL,
    version          BIGINT NOT NULL
);
INSERT INTO questionnaire_responses_new (id, patient_id, enrollment_id, questionnaire_id, status, body, authored_at, version)
    SELECT r.id, e.patient_id, r.enrollment_id, r.questionnaire_id, r.status, r.body, r.authored_at, r.version
    FROM questionnaire_responses r JOIN enrollments e ON e.id = r.enrollment_id;
DROP TABLE questionnaire_responses;
ALTER TABLE questionnaire_responses_new RENAME TO questionnaire_responses;
CREATE INDEX questionnaire_responses_enrollment ON questionnaire_responses (enrollment_id, questionnaire_id);
CREATE INDEX questionnaire_responses_status ON questionnaire_responses (enrollment_id, questionnaire_id, status);
CREATE INDEX questionnaire_responses_patient ON questionnaire_responses (patient_id, authored_at);
PRAGMA foreign_key_check;
-- Every code of a score's Observation, " system|code " each, for `code` searches.
ALTER TABLE observations ADD COLUMN codes TEXT NOT NULL DEFAULT '';
COMMIT;
PRAGMA foreign_keys = ON;
