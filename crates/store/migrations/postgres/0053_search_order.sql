-- A FHIR search reads one page in index order and stops (issue 19): the indexes end with
-- the search's whole sort key (the clinical date, then the id), so a patient with a long
-- history costs no more than one with a short one.
DROP INDEX questionnaire_responses_unit;
DROP INDEX questionnaire_responses_patient;
CREATE INDEX questionnaire_responses_unit ON questionnaire_responses (unit_id, patient_id, authored_at, id);
CREATE INDEX questionnaire_responses_patient ON questionnaire_responses (patient_id, authored_at, id);
DROP INDEX observations_unit;
CREATE INDEX observations_unit ON observations (unit_id, patient_id, effective_at, id);
CREATE INDEX observations_patient_date ON observations (patient_id, effective_at, id);
