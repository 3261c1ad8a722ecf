-- Local offerings of a course's day on site (issue 17, decision 0040): proposed by an
-- organiser for their unit, decided by the course committee; every step is kept with
-- who took it and their comment.
CREATE TABLE course_offerings (
    id          TEXT PRIMARY KEY,
    course_id   TEXT NOT NULL REFERENCES courses (id),
    part_key    TEXT NOT NULL,
    unit_id     TEXT NOT NULL REFERENCES units (id),
    day         TEXT NOT NULL,
    place       TEXT NOT NULL,
    capacity    BIGINT NOT NULL,
    deadline    TEXT NOT NULL,
    speakers    TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('proposed', 'changes-requested', 'approved', 'refused', 'cancelled')),
    proposed_by TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    version     BIGINT NOT NULL
);
CREATE INDEX course_offerings_course ON course_offerings (course_id, status, day);

CREATE TABLE course_offering_steps (
    offering_id TEXT NOT NULL REFERENCES course_offerings (id),
    seq         BIGINT NOT NULL,
    step        TEXT NOT NULL CHECK (step IN ('propose', 'approve', 'ask-for-changes', 'refuse', 'cancel')),
    by_user     TEXT NOT NULL REFERENCES users (id),
    comment     TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (offering_id, seq)
);
