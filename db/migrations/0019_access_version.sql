-- A number that grows whenever people or link revocations change: an API that remembers who a link
-- belongs to asks only this (one row, for all requests at once) to know its memory still holds.
create table access_version (
  id int primary key check (id = 1),
  value bigint not null
);
insert into access_version values (1, 0);

create function bump_access_version() returns trigger language plpgsql as $$
begin update access_version set value = value + 1 where id = 1; return null; end $$;
-- Row by row, and an update only when it changes something: the mailer registers a known person
-- again on every message (an upsert, which fires statement triggers whatever it does), and a bump per
-- message would make every API forget who its links belong to.
create trigger access_version_person_added after insert or delete on person
  for each row execute function bump_access_version();
create trigger access_version_person_changed after update on person
  for each row when (old.* is distinct from new.*) execute function bump_access_version();
create trigger access_version_person_truncated after truncate on person
  for each statement execute function bump_access_version();
create trigger access_version_revocation after insert or update or delete or truncate on link_revocation
  for each statement execute function bump_access_version();
