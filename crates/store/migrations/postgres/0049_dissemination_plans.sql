-- The dissemination plan (decision 0050): one plan per unit and year, its measures in
-- order with their status and the statistic that shows progress.
CREATE TABLE dissemination_plans (
    unit_id    TEXT NOT NULL REFERENCES units (id),
    year       BIGINT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (unit_id, year)
);
CREATE TABLE dissemination_measures (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL,
    year        BIGINT NOT NULL,
    position    BIGINT NOT NULL,
    measure     TEXT NOT NULL,
    means       TEXT NOT NULL,
    sub_goal    TEXT NOT NULL,
    period      TEXT NOT NULL,
    responsible TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'dropped')),
    indicator   TEXT,
    updated_at  TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (unit_id, year) REFERENCES dissemination_plans (unit_id, year)
);
CREATE INDEX dissemination_measures_plan ON dissemination_measures (unit_id, year, position);
