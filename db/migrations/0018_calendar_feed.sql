-- A person's calendar feed: a read-only address with a secret (kept as its SHA-256 only), for the
-- deadlines and meetings that concern them. One active feed per person; a new one revokes the old.
create table calendar_feed (
  id text primary key,
  person_id text not null references person (id),
  secret_hash text not null,
  created_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create unique index calendar_feed_active on calendar_feed (person_id) where revoked_at is null;
