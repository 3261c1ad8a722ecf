-- A sign-in through an OpenID provider that has started but not come back yet. The state
-- is stored as a hash and the row is deleted when the provider's answer arrives, so a
-- replayed answer finds nothing. The nonce and PKCE verifier live only for minutes.
CREATE TABLE oidc_logins (
    state_hash    TEXT PRIMARY KEY,
    provider      TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX oidc_logins_expires ON oidc_logins (expires_at);
