-- Which sign-in session or API token each access came from: a reference (the start of the
-- secret's hash), never the secret. Events written before this have none.
ALTER TABLE audit_events ADD COLUMN session_ref TEXT;
