-- Meeting calendars: when each step of the approval chain (fu, forum, k22, kkr) and each council
-- (body 'council' with its municipality) meets in a region, and how many working days before a
-- meeting its agenda closes. The chain asks and reminds a step from its next meeting.
create table meeting (
  id text primary key,
  region_code text not null,
  body text not null check (body in ('oeg', 'fu', 'forum', 'k22', 'kkr', 'council')),
  municipality_code text,
  on_date date not null,
  agenda_working_days integer not null check (agenda_working_days between 0 and 60),
  title text not null default '',
  created_at timestamptz not null,
  created_by jsonb not null,
  check ((body = 'council') = (municipality_code is not null))
);
create unique index meeting_once on meeting (region_code, body, coalesce(municipality_code, ''), on_date);
create index meeting_ahead on meeting (region_code, body, on_date);
