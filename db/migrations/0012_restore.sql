-- Each restore from a backup: when, the backup's manifest, and what the journal of sent e-mail says
-- went out after the backup was taken (ids, codes, templates and times; no addresses), so the
-- secretariat sees plainly what happened in between and what to ask for again.
create table restore_log (
  id bigserial primary key,
  restored_at timestamptz not null default now(),
  backup_taken_at timestamptz not null,
  manifest jsonb not null,
  sent_after_backup jsonb not null default '[]'
);
