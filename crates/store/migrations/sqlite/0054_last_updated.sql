-- FHIR's meta.lastUpdated and the _lastUpdated search (issue 20): when a response or an
-- Observation was last written, kept beside the clinical date. Rows written before this
-- take their latest version's time from the record history, or the clinical date.
ALTER TABLE questionnaire_responses ADD COLUMN updated_at TEXT;
UPDATE questionnaire_responses SET updated_at = COALESCE(
    (SELECT MAX(h.recorded_at) FROM record_history h
     WHERE h.resource_type = 'QuestionnaireResponse' AND h.resource_id = questionnaire_responses.id),
    authored_at);
ALTER TABLE observations ADD COLUMN updated_at TEXT;
UPDATE observations SET updated_at = COALESCE(
    (SELECT MAX(h.recorded_at) FROM record_history h
     WHERE h.resource_type = 'Observation' AND h.resource_id = observations.id),
    effective_at);
