-- An administrator disables a staff account instead of deleting it (its name stays on the
-- records and in the access log): a disabled account cannot sign in, and its sessions and
-- API tokens end when it is disabled.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
