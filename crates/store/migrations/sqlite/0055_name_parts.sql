-- A patient's name keeps its FHIR prefixes, use and period (issue 20), as one JSON text
-- beside the family and given names, which searches read apart.
ALTER TABLE patients ADD COLUMN name_more TEXT;
