-- Courses (issue 17, decision 0040): a course package imported and versioned like a
-- program, and the course roles, scoped by the course a grant names.
-- backend-specific: SQLite rebuilds `user_roles` to widen its CHECK; PostgreSQL alters it.
CREATE TABLE courses (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- Versions never change after import.
CREATE TABLE course_versions (
    id            TEXT PRIMARY KEY,
    course_id     TEXT NOT NULL REFERENCES courses (id),
    number        BIGINT NOT NULL,
    version_label TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    definition    JSONB NOT NULL,
    imported_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (course_id, number)
);

-- The course roles widen the roles' CHECK; a course owner's or committee member's grant
-- names its course.
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check
    CHECK (role IN ('patient', 'clinician', 'coordinator', 'author', 'researcher', 'admin',
                    'course_owner', 'course_committee', 'organiser', 'participant'));
ALTER TABLE user_roles ADD COLUMN course_id TEXT REFERENCES courses (id);
DROP INDEX user_roles_unique;
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, unit_id, course_id);
CREATE INDEX user_roles_course ON user_roles (course_id, role);
