-- Retention of the access log: old events of a chain are removed after their last hash is
-- kept here as a checkpoint, so verification starts from it. The checkpoint is sealed with
-- an HMAC under the data key: moving it forward to hide removed events needs the key.
CREATE TABLE audit_checkpoints (
    chain_id        TEXT PRIMARY KEY REFERENCES audit_chains (chain_id),
    seq             BIGINT NOT NULL,
    hash            TEXT NOT NULL,
    dropped         BIGINT NOT NULL,
    sealed_at       TEXT NOT NULL,
    seal            TEXT NOT NULL
);
