-- A person's links in one CU and municipality can be revoked (a contact replaced mid-round) without
-- revoking the person everywhere.
alter table link_revocation add column person_id text;
