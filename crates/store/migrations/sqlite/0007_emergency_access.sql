-- Emergency access ("nødtilgang"): a clinician reads a patient outside their units for a
-- written reason, for a few hours. Every grant waits in the administrators' review list
-- until someone has looked at it; the reads themselves are in the access log.
CREATE TABLE emergency_access (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    unit_id     TEXT REFERENCES units (id),
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    reason      TEXT NOT NULL,
    granted_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    reviewed_at TEXT,
    reviewed_by TEXT REFERENCES users (id),
    review_note TEXT
);
CREATE INDEX emergency_access_lookup ON emergency_access (user_id, patient_id, expires_at);
CREATE INDEX emergency_access_review ON emergency_access (reviewed_at, granted_at);
