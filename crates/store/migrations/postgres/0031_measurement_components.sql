-- An entry of several numbers taken together (blood pressure: the panel 85354-9 with a
-- systolic and a diastolic component) is one Observation; its numbers are kept here, one
-- row each under the measurement key they are judged and drawn by.
CREATE TABLE observation_components (
    observation_id TEXT NOT NULL REFERENCES observations (id),
    code           TEXT NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (observation_id, code)
);
-- Every measured number, whether an Observation's own value or a component's: what charts,
-- limits, trends and the missing-data check read.
CREATE VIEW measurement_values AS
SELECT id, patient_id, unit_id, code, value, effective_at
  FROM observations WHERE response_id IS NULL AND value IS NOT NULL
UNION ALL
SELECT o.id, o.patient_id, o.unit_id, c.code, c.value, o.effective_at
  FROM observation_components c JOIN observations o ON o.id = c.observation_id;
