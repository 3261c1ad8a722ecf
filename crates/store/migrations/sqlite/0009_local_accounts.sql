-- Local staff accounts where no OpenID provider exists: an argon2id password hash (PHC
-- string), a TOTP second factor (secret encrypted with the data key), and lockout after
-- repeated failures.
CREATE TABLE local_credentials (
    user_id           TEXT PRIMARY KEY REFERENCES users (id),
    password_hash     TEXT,
    totp_secret       TEXT,
    last_totp_step    BIGINT,
    failed_attempts   BIGINT NOT NULL DEFAULT 0,
    locked_until      TEXT,
    password_set_at   TEXT
);

-- One-time links to set a password (`carepath admin reset-password`); only the hash of
-- the token is stored.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- A sign-in between the password and the second factor. A new TOTP secret waiting for
-- its first code is kept here, encrypted, until the code confirms it.
CREATE TABLE sign_in_challenges (
    token_hash     TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (id),
    pending_secret TEXT,
    expires_at     TEXT NOT NULL
);
