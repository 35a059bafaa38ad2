-- Named people: who signs in (through an identity provider), who gets a personal link (each
-- municipality's contacts and social director, the directors' forum's members), and the
-- integrations' service keys. Every event in the audit trail can then name the person behind it.

create table person (
  id text primary key,
  -- secretariat | director | municipality: what the person may do in udmeld.
  role text not null,
  -- staff (signs in) | contact | municipal_director | forum_member
  kind text not null,
  name text not null,
  email text,
  municipality_code text,
  -- Set once the person has signed in through an identity provider.
  issuer text,
  subject text,
  created_at timestamptz not null,
  created_by jsonb not null,
  revoked_at timestamptz,
  revoked_by jsonb,
  unique (issuer, subject)
);
-- One person per address and kind in a municipality (people who sign in are found by issuer and subject).
create unique index person_by_address on person (kind, coalesce(municipality_code, ''), lower(email)) where kind <> 'staff';

-- Sign-in sessions: listed, revoked and expired here. The cookie (or bearer token) holds the id
-- and a secret of which only the hash is stored.
create table session (
  id text primary key,
  secret_hash text not null,
  person_id text not null references person (id),
  -- How the person signed in: oidc | break_glass | link (a personal link that required sign-in).
  method text not null,
  role text not null,
  cu_id text,
  municipality_code text,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null,
  revoked_at timestamptz,
  user_agent text not null default ''
);
create index session_by_person on session (person_id);

-- Keys for integrations (case and agenda systems): scoped, stored hashed, shown once.
create table service_key (
  id text primary key,
  name text not null,
  scopes jsonb not null,
  secret_hash text not null,
  created_at timestamptz not null,
  created_by jsonb not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by jsonb
);

-- A message with personal links goes to each person on its own; each delivery is logged here so a
-- retried activity sends only the ones not yet sent. mail_log keeps one row per message request.
create table mail_delivery (
  key text primary key,
  mail_key text not null,
  person_id text,
  recipient text not null,
  status text not null,
  message_id text,
  sent_at timestamptz,
  failure text
);
create index mail_delivery_by_mail on mail_delivery (mail_key);
