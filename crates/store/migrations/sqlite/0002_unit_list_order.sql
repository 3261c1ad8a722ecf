-- The unit's patient list is ordered by enrollment time, newest first: this index lets a
-- page be read in order and stop after LIMIT rows, instead of sorting the whole unit.
CREATE INDEX enrollments_unit_enrolled ON enrollments (unit_id, enrolled_at DESC, id);
