-- Each session gets its own CSRF token, sent back in every state-changing form.
ALTER TABLE sessions ADD COLUMN csrf_token TEXT NOT NULL DEFAULT '';
