-- Retention: when a closed CU's people were pseudonymised and its free-text answers blanked (each
-- once, by the scheduled retention workflow), and the last scheduled agreement check's report.
alter table cu add column people_expired_at timestamptz;
alter table cu add column texts_expired_at timestamptz;
create table agreement_check (
  id bigserial primary key,
  checked_at timestamptz not null,
  report jsonb not null
);
