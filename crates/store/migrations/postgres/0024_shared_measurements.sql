-- A measurement asked for by the running enrollments of several units belongs to the one
-- whose plan judged it (observations.unit_id) and is read by each of the others too
-- (decision 0026): they are listed here when it is recorded.
CREATE TABLE observation_readers (
    observation_id TEXT NOT NULL REFERENCES observations (id),
    unit_id        TEXT NOT NULL REFERENCES units (id),
    PRIMARY KEY (observation_id, unit_id)
);
