-- Course evaluations (issue 17, decision 0043): the questionnaires a course package ships
-- to evaluate its parts, kept per course version as programs' questionnaires are, and one
-- evaluation per participant and part. The course's people see the answers only added up,
-- never whose they are.
CREATE TABLE course_questionnaires (
    course_version_id TEXT NOT NULL REFERENCES course_versions (id),
    key               TEXT NOT NULL,
    body              TEXT NOT NULL,
    PRIMARY KEY (course_version_id, key)
);

CREATE TABLE course_evaluations (
    course_id         TEXT NOT NULL,
    user_id           TEXT NOT NULL,
    part_key          TEXT NOT NULL,
    course_version_id TEXT NOT NULL REFERENCES course_versions (id),
    questionnaire_key TEXT NOT NULL,
    offering_id       TEXT REFERENCES course_offerings (id),
    response          TEXT NOT NULL,
    submitted_at      TEXT NOT NULL,
    PRIMARY KEY (course_id, user_id, part_key),
    FOREIGN KEY (course_id, user_id) REFERENCES course_participants (course_id, user_id)
);
CREATE INDEX course_evaluations_course ON course_evaluations (course_id, part_key, submitted_at);
