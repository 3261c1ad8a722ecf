-- The parts of a patient's name as a FHIR client sent them (HumanName.family and .given,
-- the given names as a JSON array) and the administrative gender, so a client reads back
-- what it wrote. `name` stays the name as shown and searched.
ALTER TABLE patients ADD COLUMN name_family TEXT;
ALTER TABLE patients ADD COLUMN name_given TEXT;
ALTER TABLE patients ADD COLUMN gender TEXT;
