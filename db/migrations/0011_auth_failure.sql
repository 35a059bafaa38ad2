-- Failed authentications counted per window, per address and per credential (a session's or key's
-- id, a link's signed claims; never a secret), shared by every API process of the installation.
create table auth_failure (
  key text not null,
  window_start timestamptz not null,
  failures integer not null,
  primary key (key, window_start)
);
