-- Taking courses (issue 17, decision 0042): a participant's registration for a course
-- (profession, workplace, region code), the lessons they finished with their reflection
-- answers (theirs alone), and their seats at local offerings: a place or the waiting
-- list in the order booked, and whether they came.
CREATE TABLE course_participants (
    course_id     TEXT NOT NULL REFERENCES courses (id),
    user_id       TEXT NOT NULL REFERENCES users (id),
    profession    TEXT NOT NULL,
    workplace     TEXT NOT NULL,
    region        TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (course_id, user_id)
);
CREATE INDEX course_participants_user ON course_participants (user_id);

CREATE TABLE course_lessons_done (
    course_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    part_key   TEXT NOT NULL,
    lesson_key TEXT NOT NULL,
    answers    TEXT NOT NULL,
    done_at    TEXT NOT NULL,
    PRIMARY KEY (course_id, user_id, part_key, lesson_key),
    FOREIGN KEY (course_id, user_id) REFERENCES course_participants (course_id, user_id)
);

-- One row per participant and offering; booking again after a cancellation takes a new
-- place in the queue (`seq`).
CREATE TABLE course_seats (
    offering_id TEXT NOT NULL REFERENCES course_offerings (id),
    user_id     TEXT NOT NULL REFERENCES users (id),
    seq         BIGINT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('place', 'waiting', 'cancelled')),
    booked_at   TEXT NOT NULL,
    attended    TEXT CHECK (attended IN ('present', 'absent')),
    marked_by   TEXT REFERENCES users (id),
    marked_at   TEXT,
    PRIMARY KEY (offering_id, user_id)
);
CREATE INDEX course_seats_queue ON course_seats (offering_id, status, seq);
CREATE INDEX course_seats_user ON course_seats (user_id);
