-- An active enrollment put on pause by the care team (e.g. while the patient is in
-- hospital): no tasks, reminders or alerts until it is resumed.
ALTER TABLE enrollments ADD COLUMN paused_at TIMESTAMPTZ;
