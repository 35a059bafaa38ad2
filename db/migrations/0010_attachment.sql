-- Files attached to answers (PDF, DOCX, XLSX): kept under their SHA-256 for the respondent that
-- uploaded them; an answer names a file by that hash. The same file uploaded again is the same row.
create table attachment (
  cu_id text not null,
  municipality_code text not null,
  sha256 text not null,
  name text not null,
  media_type text not null,
  size integer not null,
  data bytea not null,
  uploaded_at timestamptz not null,
  uploaded_by jsonb not null,
  primary key (cu_id, municipality_code, sha256)
);
