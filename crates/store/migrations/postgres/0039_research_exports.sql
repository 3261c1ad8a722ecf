-- Research exports (issue 16, decision 0038): a FHIR Bulk Data export asked for by a
-- researcher of a project, made in the background, its NDJSON files kept in the database
-- (read by the service only, served to the one who asked) until they expire or are deleted.
CREATE TABLE research_exports (
    id           TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES research_projects (id),
    requested_by TEXT NOT NULL REFERENCES users (id),
    request      TEXT NOT NULL,
    types        TEXT NOT NULL,
    since        TIMESTAMPTZ,
    status       TEXT NOT NULL CHECK (status IN ('in-progress', 'completed', 'failed')),
    requested_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    expires_at   TIMESTAMPTZ NOT NULL,
    error        TEXT
);
CREATE INDEX research_exports_status ON research_exports (status, expires_at);

CREATE TABLE research_export_files (
    export_id TEXT NOT NULL REFERENCES research_exports (id),
    seq       BIGINT NOT NULL,
    type      TEXT NOT NULL,
    count     BIGINT NOT NULL,
    body      BYTEA NOT NULL,
    PRIMARY KEY (export_id, seq)
);
