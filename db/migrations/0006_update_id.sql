-- The Update an event answered (the API's Idempotency-Key, or one the client made up): a request
-- repeated after its workflow has closed, or gone with the namespace's retention, finds what it did.
alter table audit_event add column update_id text;
create index audit_event_update on audit_event (cu_id, update_id) where update_id is not null;
