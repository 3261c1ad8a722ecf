-- Course certificates (issue 17, decision 0042): one per participant and course, issued
-- when both parts are complete. What it says comes from the course version it was
-- issued under (versions never change) and the name at issue. Its verification code is
-- kept as a keyed hash, to look it up, and encrypted, to print it again; never in clear.
CREATE TABLE course_certificates (
    id           TEXT PRIMARY KEY,
    course_id    TEXT NOT NULL REFERENCES courses (id),
    version_id   TEXT NOT NULL REFERENCES course_versions (id),
    user_id      TEXT NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    completed_on TEXT NOT NULL,
    code_index   TEXT NOT NULL UNIQUE,
    code         TEXT NOT NULL,
    issued_at    TEXT NOT NULL,
    UNIQUE (course_id, user_id)
);
