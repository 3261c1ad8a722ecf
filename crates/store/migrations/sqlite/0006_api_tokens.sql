-- Bearer tokens for the FHIR API, made by `carepath admin create-token`. A token carries
-- the rights of its user; only its SHA-256 is stored. Revoked tokens stay for the record.
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
