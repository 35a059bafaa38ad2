-- Templates of rounds, with every version kept: a round names the version it started from, and a
-- later edit of the template makes a new version without touching what a round already asked.
create table template (
  id text primary key,
  builtin boolean not null default false,
  version integer not null,
  created_at timestamptz not null
);

create table template_version (
  template_id text not null references template (id),
  version integer not null,
  -- name, description, questionnaire and process, as domain/templates.ts templateBodySchema says
  definition jsonb not null,
  created_at timestamptz not null,
  created_by jsonb not null,
  primary key (template_id, version)
);
