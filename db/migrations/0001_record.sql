-- The record of udmeld: what a person may want to read next year. Written by the worker's
-- activities (idempotently, keyed by the workflow and its event) and read by the API and pages.

-- A central notice (CU). `phase` mirrors the workflow; `phase_seq` is the workflow's event number
-- that set it, so a late write never moves it back.
create table cu (
  id text primary key,
  region_code text not null,
  version integer not null,
  phase text not null,
  phase_seq integer not null default 0,
  created_at timestamptz not null,
  created_by jsonb not null,
  renewal_of text references cu (id),
  renewal jsonb
);
create index cu_renewal_of on cu (renewal_of);

-- Every version of a CU's definition and questionnaire: an edit makes a new one.
create table cu_version (
  cu_id text not null references cu (id),
  version integer not null,
  definition jsonb not null,
  created_at timestamptz not null,
  created_by jsonb not null,
  primary key (cu_id, version)
);

-- The reporting round: the questionnaire version it asked and its settings.
create table round (
  cu_id text primary key references cu (id),
  cu_version integer not null,
  launched_at timestamptz not null,
  launched_by jsonb not null,
  deadline date not null,
  settings jsonb not null,
  addresses jsonb not null,
  base_url text not null
);

-- The contacts a round was launched with (a snapshot of the register).
create table round_contact (
  cu_id text not null references round (cu_id),
  municipality_code text not null,
  contacts jsonb not null,
  director_email text not null,
  primary key (cu_id, municipality_code)
);

-- One municipality's reporting in a round, as its workflow last recorded it.
create table municipality (
  cu_id text not null references round (cu_id),
  code text not null,
  status text not null,
  deadline date not null,
  deadline_set_at timestamptz not null,
  hard_stop_at timestamptz not null,
  answer_version integer not null default 0,
  closed boolean not null default false,
  seq integer not null default 0,
  draft jsonb,
  draft_saved_at timestamptz,
  draft_by jsonb,
  draft_seq integer not null default 0,
  primary key (cu_id, code)
);

-- Every submitted version of every answer.
create table answer (
  cu_id text not null,
  code text not null,
  version integer not null,
  "values" jsonb not null,
  submitted_at timestamptz not null,
  submitted_by jsonb not null,
  primary key (cu_id, code, version),
  foreign key (cu_id, code) references municipality (cu_id, code)
);

-- The regional report: an edition per aggregation and per edit of its summaries.
create table report_edition (
  cu_id text not null references cu (id),
  edition integer not null,
  data jsonb not null,
  summaries jsonb not null,
  created_at timestamptz not null,
  created_by jsonb not null,
  reason text not null,
  primary key (cu_id, edition)
);

-- The councils (and the regional council) in the political treatment.
create table council (
  cu_id text not null references cu (id),
  council text not null,
  name text not null,
  deadline date not null,
  deadline_set_at timestamptz not null,
  status text not null,
  seq integer not null default 0,
  primary key (cu_id, council)
);

-- Decisions of the forum, KKR and the councils.
create table decision (
  event_key text primary key,
  cu_id text not null references cu (id),
  body text not null,
  council text,
  decision text not null,
  decided_on date,
  remarks text not null default '',
  report_edition integer,
  recorded_at timestamptz not null,
  recorded_by jsonb not null
);
create index decision_cu on decision (cu_id, recorded_at);

create table submission (
  cu_id text primary key references cu (id),
  submitted_at timestamptz not null,
  message_id text not null,
  recipient text not null,
  submitted_by jsonb not null,
  report_edition integer not null
);

-- Every e-mail: the ledger that keeps a retried send from going out twice.
create table mail_log (
  key text primary key,
  cu_id text,
  municipality_code text,
  template text not null,
  reminder text,
  requested_at timestamptz not null,
  status text not null,
  message_id text,
  recipients jsonb not null,
  rejected jsonb not null default '[]',
  sent_at timestamptz,
  failure text
);
create index mail_log_cu on mail_log (cu_id, municipality_code, requested_at);

-- The audit trail: every event with who, what, when, on which CU and municipality.
create table audit_event (
  key text primary key,
  seq bigserial unique,
  at timestamptz not null,
  cu_id text,
  municipality_code text,
  kind text not null,
  actor jsonb not null,
  note text
);
create index audit_event_cu on audit_event (cu_id, seq);

-- The secretariat's contact register.
create table contact (
  municipality_code text primary key,
  contacts jsonb not null,
  director_email text not null,
  updated_at timestamptz not null,
  updated_by jsonb not null
);

-- Revoked access links: tokens issued at or before `before_epoch` that match every given field.
create table link_revocation (
  id bigserial primary key,
  cu_id text,
  municipality_code text,
  role text,
  jti text,
  reason text not null default '',
  before_epoch bigint not null,
  at timestamptz not null,
  revoked_by jsonb not null
);
