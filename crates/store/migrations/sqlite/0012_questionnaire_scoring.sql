-- The scoring definition shipped beside a questionnaire in its program package
-- (docs/scoring.md), stored with the questionnaire version it is bound to.
ALTER TABLE questionnaires ADD COLUMN scoring TEXT;
