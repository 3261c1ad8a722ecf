-- The foundation schema: organisations and units, user accounts with roles and sign-in
-- keys, patients (national identity number encrypted, keyed-hash index), programs with
-- immutable versions, referrals, enrollments, reading progress, questionnaire responses,
-- record history (for FHIR vread/ETags) and sessions.
--
-- Conventions (docs/decisions/0003-ids-and-time.md): ids are UUIDv7 as TEXT; timestamps
-- are written by the application (never now()); JSON documents are TEXT.

CREATE TABLE database_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organizations (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('hospital', 'municipality')),
    created_at TEXT NOT NULL
);

CREATE TABLE units (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('department', 'response_centre')),
    created_at      TEXT NOT NULL
);
CREATE INDEX units_organization ON units (organization_id);

-- A user account is who signs in; Patient and Practitioner records link to it.
CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    username     TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- One row per role held; unit-bound roles (clinician, coordinator) name their unit.
CREATE TABLE user_roles (
    id      TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    role    TEXT NOT NULL CHECK (role IN ('patient', 'clinician', 'coordinator', 'author', 'researcher', 'admin')),
    unit_id TEXT REFERENCES units (id)
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, unit_id);
CREATE INDEX user_roles_unit ON user_roles (unit_id, role);

-- How an account is found at sign-in: demo username, ID-porten pid (as keyed hash),
-- HelseID HPR number.
CREATE TABLE sign_in_keys (
    kind    TEXT NOT NULL CHECK (kind IN ('demo', 'idporten_pid', 'helseid_hpr')),
    key     TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (kind, key)
);
CREATE INDEX sign_in_keys_user ON sign_in_keys (user_id);

CREATE TABLE practitioners (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL UNIQUE REFERENCES users (id),
    name       TEXT NOT NULL,
    hpr_number TEXT UNIQUE,
    created_at TEXT NOT NULL
);

-- The national identity number is AES-256-GCM encrypted; nin_index is an HMAC-SHA256
-- of it under a separate key, so look-ups never decrypt and never store it in clear.
CREATE TABLE patients (
    id             TEXT PRIMARY KEY,
    nin_ciphertext TEXT NOT NULL,
    nin_index      TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    birth_date     TEXT NOT NULL,
    gp_name        TEXT,
    user_id        TEXT UNIQUE REFERENCES users (id),
    version        BIGINT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX patients_name ON patients (name);

CREATE TABLE programs (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- Versions never change after import; enrollments point at the version they started on.
CREATE TABLE program_versions (
    id            TEXT PRIMARY KEY,
    program_id    TEXT NOT NULL REFERENCES programs (id),
    number        BIGINT NOT NULL,
    version_label TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    definition    TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    UNIQUE (program_id, number)
);

CREATE TABLE questionnaires (
    id                 TEXT PRIMARY KEY,
    program_version_id TEXT NOT NULL REFERENCES program_versions (id),
    key                TEXT NOT NULL,
    url                TEXT NOT NULL,
    version            TEXT NOT NULL,
    body               TEXT NOT NULL,
    UNIQUE (program_version_id, key)
);
CREATE INDEX questionnaires_canonical ON questionnaires (url, version);

-- Media are stored once per content hash in the database, so every node serves them.
CREATE TABLE media_blobs (
    sha256       TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    bytes        BLOB NOT NULL
);

CREATE TABLE program_media (
    program_version_id TEXT NOT NULL REFERENCES program_versions (id),
    name               TEXT NOT NULL,
    sha256             TEXT NOT NULL REFERENCES media_blobs (sha256),
    PRIMARY KEY (program_version_id, name)
);

-- Which units run which programs.
CREATE TABLE unit_programs (
    unit_id    TEXT NOT NULL REFERENCES units (id),
    program_id TEXT NOT NULL REFERENCES programs (id),
    PRIMARY KEY (unit_id, program_id)
);

CREATE TABLE referrals (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    unit_id       TEXT NOT NULL REFERENCES units (id),
    program_id    TEXT NOT NULL REFERENCES programs (id),
    source        TEXT NOT NULL CHECK (source IN ('gp', 'hospital', 'other')),
    heard_about   TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    registered_by TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX referrals_patient ON referrals (patient_id);

CREATE TABLE enrollments (
    id                 TEXT PRIMARY KEY,
    patient_id         TEXT NOT NULL REFERENCES patients (id),
    unit_id            TEXT NOT NULL REFERENCES units (id),
    program_version_id TEXT NOT NULL REFERENCES program_versions (id),
    referral_id        TEXT REFERENCES referrals (id),
    status             TEXT NOT NULL CHECK (status IN ('invited', 'awaiting_exception', 'ineligible', 'active', 'finished', 'withdrawn')),
    enrolled_at        TEXT NOT NULL,
    terms_accepted_at  TEXT,
    screened_at        TEXT,
    screening_outcome  TEXT,
    started_at         TEXT,
    version            BIGINT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX enrollments_unit_status ON enrollments (unit_id, status, enrolled_at);
CREATE INDEX enrollments_patient ON enrollments (patient_id);

CREATE TABLE enrollment_modules (
    enrollment_id TEXT NOT NULL REFERENCES enrollments (id),
    module_key    TEXT NOT NULL,
    PRIMARY KEY (enrollment_id, module_key)
);

CREATE TABLE page_reads (
    enrollment_id TEXT NOT NULL REFERENCES enrollments (id),
    module_key    TEXT NOT NULL,
    page_key      TEXT NOT NULL,
    read_at       TEXT NOT NULL,
    PRIMARY KEY (enrollment_id, module_key, page_key)
);

-- Where the patient left off, to resume there.
CREATE TABLE reading_positions (
    enrollment_id TEXT PRIMARY KEY REFERENCES enrollments (id),
    module_key    TEXT NOT NULL,
    page_key      TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE questionnaire_responses (
    id               TEXT PRIMARY KEY,
    enrollment_id    TEXT NOT NULL REFERENCES enrollments (id),
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id),
    status           TEXT NOT NULL CHECK (status IN ('in-progress', 'completed', 'amended', 'entered-in-error')),
    body             TEXT NOT NULL,
    authored_at      TEXT NOT NULL,
    version          BIGINT NOT NULL
);
CREATE INDEX questionnaire_responses_enrollment ON questionnaire_responses (enrollment_id, questionnaire_id);

-- Every version of every clinical record, written in the same transaction as the change.
CREATE TABLE record_history (
    resource_type TEXT NOT NULL,
    resource_id   TEXT NOT NULL,
    version       BIGINT NOT NULL,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT REFERENCES users (id),
    body          TEXT NOT NULL,
    PRIMARY KEY (resource_type, resource_id, version)
);

-- Server-side sessions; only a hash of the cookie's token is stored.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
