-- What a pending OpenID sign-in is for (decision 0045): 'sign-in' as before, or
-- 'participant', a HelseID sign-in from the participant page that may make a participant
-- account for an HPR number no account holds.
ALTER TABLE oidc_logins ADD COLUMN purpose TEXT NOT NULL DEFAULT 'sign-in';
