-- Webhooks: a subscription (where, which event types, its signing secrets, how far the feed has been
-- queued for it) and its deliveries, one per event, in the order they are to be sent. The payload is
-- built from the audit event when it is sent, so no personal data is copied here.
create table webhook_subscription (
  id text primary key,
  name text not null,
  url text not null,
  event_types jsonb not null,
  secret text not null,
  previous_secret text,
  previous_until timestamptz,
  status text not null check (status in ('active', 'paused', 'deleted')),
  paused_at timestamptz,
  paused_reason text,
  cursor_tx xid8 not null,
  cursor_seq integer not null,
  created_at timestamptz not null,
  created_by jsonb not null
);

create sequence webhook_delivery_position;
create table webhook_delivery (
  id bigint primary key default nextval('webhook_delivery_position'),
  subscription_id text not null references webhook_subscription (id),
  event_key text not null,
  -- The order of sending: the feed's order, and a delivery sent again goes to the end.
  position bigint not null default nextval('webhook_delivery_position'),
  status text not null check (status in ('pending', 'delivered')),
  attempts integer not null default 0,
  last_attempt_at timestamptz,
  last_error text,
  response_status integer,
  delivered_at timestamptz,
  unique (subscription_id, event_key)
);
create index webhook_delivery_queue on webhook_delivery (subscription_id, position) where status = 'pending';
create index webhook_delivery_listing on webhook_delivery (subscription_id, id desc);
