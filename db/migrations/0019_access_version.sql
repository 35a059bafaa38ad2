-- A number that grows whenever people or link revocations change: an API that remembers who a link
-- belongs to asks only this (one row, for all requests at once) to know its memory still holds.
create table access_version (
  id int primary key check (id = 1),
  value bigint not null
);
insert into access_version values (1, 0);

create function bump_access_version() returns trigger language plpgsql as $$
begin update access_version set value = value + 1 where id = 1; return null; end $$;
create trigger access_version_person after insert or update or delete or truncate on person
  for each statement execute function bump_access_version();
create trigger access_version_revocation after insert or update or delete or truncate on link_revocation
  for each statement execute function bump_access_version();
