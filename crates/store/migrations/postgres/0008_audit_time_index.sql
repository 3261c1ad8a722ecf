-- Reading the access log by time: the administrators' FHIR AuditEvent search and the
-- review report of unusual access.
CREATE INDEX audit_events_recorded ON audit_events (recorded_at);
