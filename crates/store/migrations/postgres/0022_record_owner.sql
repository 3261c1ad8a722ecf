-- Data belongs to the unit that runs the enrollment it was recorded under (decision 0026):
-- another unit that cares for the same patient sees the patient's demographics, never
-- these records, except through emergency access. Tasks, alerts, consultation answers
-- and enrollments already name their unit; responses and observations get one here.
ALTER TABLE questionnaire_responses ADD COLUMN unit_id TEXT REFERENCES units (id);
ALTER TABLE observations ADD COLUMN unit_id TEXT REFERENCES units (id);

-- Rows written before: the enrollment's unit; without one, the patient's managing unit,
-- else the unit of their first referral.
UPDATE questionnaire_responses SET unit_id = COALESCE(
    (SELECT e.unit_id FROM enrollments e WHERE e.id = questionnaire_responses.enrollment_id),
    (SELECT p.managing_unit_id FROM patients p WHERE p.id = questionnaire_responses.patient_id),
    (SELECT f.unit_id FROM referrals f WHERE f.patient_id = questionnaire_responses.patient_id
     ORDER BY f.received_at, f.id LIMIT 1));
-- Scores: their response's unit. Measurements: the unit of the patient's newest active
-- enrollment (the one whose plan judged them), else as for responses.
UPDATE observations SET unit_id = COALESCE(
    (SELECT r.unit_id FROM questionnaire_responses r WHERE r.id = observations.response_id),
    (SELECT e.unit_id FROM enrollments e WHERE e.patient_id = observations.patient_id
     AND e.status = 'active' ORDER BY e.enrolled_at DESC, e.id LIMIT 1),
    (SELECT e.unit_id FROM enrollments e WHERE e.patient_id = observations.patient_id
     ORDER BY e.enrolled_at DESC, e.id LIMIT 1),
    (SELECT p.managing_unit_id FROM patients p WHERE p.id = observations.patient_id),
    (SELECT f.unit_id FROM referrals f WHERE f.patient_id = observations.patient_id
     ORDER BY f.received_at, f.id LIMIT 1));

-- A unit's searches look records up by owner, most often of one patient, newest first:
-- the owner, the patient, then the date, so a search of one patient's history reads only
-- that history (an index on the owner and the date alone would read the whole unit's).
CREATE INDEX questionnaire_responses_unit ON questionnaire_responses (unit_id, patient_id, authored_at);
CREATE INDEX observations_unit ON observations (unit_id, patient_id, effective_at);
