-- backend-specific: SQLite cannot drop NOT NULL, so its migration rebuilds the two
-- tables; PostgreSQL alters them.
-- Questionnaires may now come through the FHIR API, outside any program version, and
-- responses through the API belong to a patient, with or without an enrollment.
ALTER TABLE questionnaires
    ALTER COLUMN program_version_id DROP NOT NULL,
    ALTER COLUMN key DROP NOT NULL,
    ADD COLUMN status TEXT NOT NULL DEFAULT 'active',
    ADD COLUMN name TEXT,
    ADD COLUMN title TEXT,
    ADD COLUMN resource_version BIGINT NOT NULL DEFAULT 1,
    ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE questionnaires SET status = COALESCE(body ->> 'status', 'active'), name = body ->> 'name', title = body ->> 'title';

ALTER TABLE questionnaire_responses ADD COLUMN patient_id TEXT REFERENCES patients (id);
UPDATE questionnaire_responses r SET patient_id = e.patient_id FROM enrollments e WHERE e.id = r.enrollment_id;
ALTER TABLE questionnaire_responses
    ALTER COLUMN patient_id SET NOT NULL,
    ALTER COLUMN enrollment_id DROP NOT NULL,
    DROP CONSTRAINT questionnaire_responses_status_check,
    ADD CONSTRAINT questionnaire_responses_status_check
        CHECK (status IN ('in-progress', 'completed', 'amended', 'entered-in-error', 'stopped'));
CREATE INDEX questionnaire_responses_patient ON questionnaire_responses (patient_id, authored_at);
-- Every code of a score's Observation, " system|code " each, for `code` searches.
ALTER TABLE observations ADD COLUMN codes TEXT NOT NULL DEFAULT '';
