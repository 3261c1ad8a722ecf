-- Places running a program (issue 18, decision 0054): each unit's program has a status,
-- the day it started and a contact for health professionals; shown on the public pages
-- and counted in the dissemination statistics.
ALTER TABLE unit_programs ADD COLUMN status TEXT NOT NULL DEFAULT 'running';
ALTER TABLE unit_programs ADD COLUMN started_on TEXT;
ALTER TABLE unit_programs ADD COLUMN contact TEXT;
