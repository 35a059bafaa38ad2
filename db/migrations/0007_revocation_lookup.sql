-- Every link request asks whether its link is revoked: found by the CU (or among the revocations
-- that name none) instead of reading every revocation ever made.
create index link_revocation_cu on link_revocation (cu_id, before_epoch);
