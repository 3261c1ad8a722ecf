-- Group courses on site for a program's patients (decision 0046): an appointment of the
-- kind 'group-course' names the program whose patients sign up for it; the satisfaction
-- questionnaire asked after it is a task that names the session it asks about.
ALTER TABLE appointments ADD COLUMN program_key TEXT;
ALTER TABLE tasks ADD COLUMN appointment_id TEXT REFERENCES appointments (id);
CREATE INDEX tasks_appointment ON tasks (appointment_id);
CREATE INDEX appointments_program_start ON appointments (program_key, start_at);
