-- Recovery codes for a staff member who lost the phone with their code app: issued by an
-- administrator (shown once), each used once in place of a one-time code. Only a keyed
-- hash (HMAC with the data key's index key) is kept, so a copied database does not give
-- them away.
CREATE TABLE recovery_codes (
    code_hash  TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
