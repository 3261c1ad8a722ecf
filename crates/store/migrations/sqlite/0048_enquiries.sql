-- Enquiries from health professionals (decision 0048): sent from a program's public page
-- to a unit that runs it; open on the unit's worklist until handled; counted per year.
CREATE TABLE enquiries (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units (id),
    program_key TEXT NOT NULL,
    name        TEXT NOT NULL,
    profession  TEXT NOT NULL,
    workplace   TEXT NOT NULL,
    contact     TEXT NOT NULL,
    message     TEXT NOT NULL,
    received_at TEXT NOT NULL,
    handled_by  TEXT REFERENCES users (id),
    handled_at  TEXT,
    note        TEXT
);
CREATE INDEX enquiries_unit_open ON enquiries (unit_id, handled_at, received_at);
