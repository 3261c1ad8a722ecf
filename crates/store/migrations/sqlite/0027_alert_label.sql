-- What raised an alert, as the program names it: a score's or a form's title (words of the
-- program's content, written by its authors), so the worklist shows "PHQ-9 spørsmål 9"
-- rather than a code. Measurements are named by carepath's own words instead; older
-- alerts and measurement alerts leave it empty.
ALTER TABLE alerts ADD COLUMN label TEXT;
