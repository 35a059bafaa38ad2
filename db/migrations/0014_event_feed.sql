-- The event feed (GET /api/events) reads the audit trail in the order transactions committed: by the
-- writing transaction's id, then the event's number. Only events of transactions older than every
-- one still running are given, so a reader's cursor never passes an event committed later.
alter table audit_event add column tx xid8 not null default pg_current_xact_id();
create index audit_event_feed on audit_event (tx, seq);
