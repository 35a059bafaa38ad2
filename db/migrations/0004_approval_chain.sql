-- The approval chain as data: decisions of every step (FU, the forum, K22, KKR) and how each was taken.
alter table decision add column via text check (via in ('meeting', 'email'));
comment on column decision.via is 'meeting, or email between meetings; null where not recorded (councils, decisions before the chain was data)';
