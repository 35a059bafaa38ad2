-- Without an SMTP server, messages are kept here (as well as written to DATA_DIR/outbox), so every
-- worker of a cluster shares one outbox and the secretariat can read it through the API.
create table mail_outbox (
  id bigserial primary key,
  key text not null unique,
  template text not null,
  recipients jsonb not null,
  subject text not null,
  message bytea not null,
  created_at timestamptz not null
);
