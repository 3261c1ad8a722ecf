-- Research (issue 16): projects kept by an administrator (title, the ethics approval's
-- reference, period, members, the programs they cover), and each patient's research
-- consent [FHIR Consent], given and withdrawn by the patient. A researcher sees reports
-- and exports only through an approved project, and only of consenting patients.
CREATE TABLE research_projects (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    approval_ref TEXT NOT NULL,
    approved_at  TEXT,
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    version      BIGINT NOT NULL
);

CREATE TABLE research_project_members (
    project_id TEXT NOT NULL REFERENCES research_projects (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX research_project_members_user ON research_project_members (user_id);

CREATE TABLE research_project_programs (
    project_id TEXT NOT NULL REFERENCES research_projects (id),
    program_id TEXT NOT NULL REFERENCES programs (id),
    PRIMARY KEY (project_id, program_id)
);

-- One row per patient: the latest decision (the access log keeps each change).
CREATE TABLE research_consents (
    patient_id TEXT PRIMARY KEY REFERENCES patients (id),
    status     TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    decided_at TEXT NOT NULL,
    version    BIGINT NOT NULL
);
