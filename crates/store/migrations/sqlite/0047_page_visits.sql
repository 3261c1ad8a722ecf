-- Visits of the public pages (decision 0047): a count per page and day, nothing about who
-- visited (no address, no cookie).
CREATE TABLE page_visits (
    path   TEXT NOT NULL,
    day    TEXT NOT NULL,
    visits BIGINT NOT NULL,
    PRIMARY KEY (path, day)
);
