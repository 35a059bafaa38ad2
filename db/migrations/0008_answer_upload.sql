-- An answer as the API received and checked it, before its municipality's workflow takes it: the
-- workflow's Update carries only this reference (the answer's hash), so no answer, however long its
-- texts or tables, is a workflow payload. The record copies it into `answer` or the draft.
create table answer_upload (
  ref text primary key,
  cu_id text not null,
  municipality_code text not null,
  "values" jsonb not null,
  complete boolean not null,
  created_at timestamptz not null
);
