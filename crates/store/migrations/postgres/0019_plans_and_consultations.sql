-- A clinician's limits for one patient's measurement in one enrollment: they replace the
-- program's default limits for that patient (the advice stays the program's).
CREATE TABLE patient_limits (
    enrollment_id TEXT NOT NULL REFERENCES enrollments (id),
    measurement   TEXT NOT NULL,
    red_below     DOUBLE PRECISION,
    yellow_below  DOUBLE PRECISION,
    yellow_above  DOUBLE PRECISION,
    red_above     DOUBLE PRECISION,
    set_by        TEXT NOT NULL REFERENCES users (id),
    set_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (enrollment_id, measurement)
);

-- The item of a program questionnaire that asks "do you want an appointment?" (need-driven
-- follow-up), from the questionnaire's consultation-question extension.
ALTER TABLE questionnaires ADD COLUMN consultation_link_id TEXT;

-- Each answer to the consultation question: yes (a request on the unit's worklist until
-- handled), no, or none (the task's window closed without an answer).
CREATE TABLE consultation_answers (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    enrollment_id TEXT NOT NULL REFERENCES enrollments (id),
    unit_id       TEXT NOT NULL REFERENCES units (id),
    program_id    TEXT NOT NULL REFERENCES programs (id),
    task_id       TEXT UNIQUE REFERENCES tasks (id),
    response_id   TEXT REFERENCES questionnaire_responses (id),
    answer        TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'none')),
    answered_at   TIMESTAMPTZ NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('open', 'handled', 'closed')),
    handled_by    TEXT REFERENCES users (id),
    handled_at    TIMESTAMPTZ,
    note          TEXT,
    version       BIGINT NOT NULL
);
CREATE INDEX consultation_answers_unit ON consultation_answers (unit_id, status, answered_at);
CREATE INDEX consultation_answers_program ON consultation_answers (program_id, answered_at);
CREATE INDEX consultation_answers_patient ON consultation_answers (patient_id);
