-- The access log (Normen, pasientjournalloven § 22): every read and write of patient data.
-- Append-only and hash-chained. Each running node writes its own chain (no contention
-- between nodes); audit_chains holds each chain's head so appends need no scan.
CREATE TABLE audit_chains (
    chain_id  TEXT PRIMARY KEY,
    last_seq  BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);

CREATE TABLE audit_events (
    chain_id      TEXT NOT NULL REFERENCES audit_chains (chain_id),
    seq           BIGINT NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    actor_user_id TEXT NOT NULL,
    actor_role    TEXT NOT NULL,
    actor_unit_id TEXT,
    patient_id    TEXT,
    action        TEXT NOT NULL CHECK (action IN ('read', 'create', 'update')),
    resource_type TEXT NOT NULL,
    resource_id   TEXT NOT NULL,
    reason        TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    PRIMARY KEY (chain_id, seq)
);
CREATE INDEX audit_events_patient ON audit_events (patient_id, recorded_at);
