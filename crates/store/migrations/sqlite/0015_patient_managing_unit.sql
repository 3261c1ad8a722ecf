-- The unit that manages a patient registered through the FHIR API (Patient.managingOrganization)
-- before any referral or enrollment: its care team may see the patient, as with a referral.
ALTER TABLE patients ADD COLUMN managing_unit_id TEXT REFERENCES units (id);
CREATE INDEX patients_managing_unit ON patients (managing_unit_id);
