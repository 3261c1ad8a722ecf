-- Courses (issue 17, decision 0040): a course package imported and versioned like a
-- program, and the course roles, scoped by the course a grant names.
-- backend-specific: SQLite rebuilds `user_roles` to widen its CHECK; PostgreSQL alters it.
CREATE TABLE courses (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- Versions never change after import.
CREATE TABLE course_versions (
    id            TEXT PRIMARY KEY,
    course_id     TEXT NOT NULL REFERENCES courses (id),
    number        BIGINT NOT NULL,
    version_label TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    definition    TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    UNIQUE (course_id, number)
);

-- The course roles widen the roles' CHECK (SQLite rebuilds the table for that); a course
-- owner's or committee member's grant names its course.
CREATE TABLE user_roles_new (
    id        TEXT PRIMARY KEY,
    user_id   TEXT NOT NULL REFERENCES users (id),
    role      TEXT NOT NULL CHECK (role IN ('patient', 'clinician', 'coordinator', 'author', 'researcher', 'admin',
                                            'course_owner', 'course_committee', 'organiser', 'participant')),
    unit_id   TEXT REFERENCES units (id),
    course_id TEXT REFERENCES courses (id)
);
INSERT INTO user_roles_new (id, user_id, role, unit_id)
    SELECT id, user_id, role, unit_id FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_new RENAME TO user_roles;
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, unit_id, course_id);
CREATE INDEX user_roles_unit ON user_roles (unit_id, role);
CREATE INDEX user_roles_course ON user_roles (course_id, role);
