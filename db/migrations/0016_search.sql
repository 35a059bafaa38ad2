-- Full-text search (GET /api/search) over what the record holds, in Danish (the `danish` text search
-- configuration: "borgere" finds "borger"). One row per searchable thing: a CU's title and target
-- group, each of its questions, each respondent's newest answer, each revision comment, each
-- decision's remarks, and the report's edited sections. The record's writes keep it up to date
-- (the triggers below, in the writing transaction); the end of this file indexes what was there.
create table search_doc (
  key text primary key,
  kind text not null check (kind in ('cu', 'question', 'answer', 'revision', 'decision', 'report')),
  cu_id text not null,
  municipality_code text,
  title text not null,
  body text not null,
  at timestamptz not null,
  tsv tsvector generated always as (setweight(to_tsvector('danish', title), 'A') || setweight(to_tsvector('danish', body), 'B')) stored
);
create index search_doc_tsv on search_doc using gin (tsv);
create index search_doc_cu on search_doc (cu_id, kind);
-- The newest matches of a query of common words, without reading the others (db/queries/search.ts).
create index search_doc_at on search_doc (at desc);

-- Every text in an answer (free text, table cells, chosen options), one per line.
create function search_text(v jsonb) returns text language sql immutable as $$
  select coalesce(string_agg(x #>> '{}', E'\n'), '') from jsonb_path_query(v, 'strict $.** ? (@.type() == "string")') as x
$$;

-- The CU's newest version: its title and target group, and its questions.
create function search_index_definition(c text) returns void language plpgsql as $$
begin
  delete from search_doc where cu_id = c and kind in ('cu', 'question');
  insert into search_doc (key, kind, cu_id, title, body, at)
    select 'cu:' || v.cu_id, 'cu', v.cu_id, v.definition ->> 'title', coalesce(v.definition ->> 'targetGroup', ''), v.created_at
      from cu_version v where v.cu_id = c order by v.version desc limit 1;
  insert into search_doc (key, kind, cu_id, title, body, at)
    select distinct on (q ->> 'id') 'question:' || v.cu_id || ':' || (q ->> 'id'), 'question', v.cu_id, q ->> 'label', coalesce(q ->> 'help', ''), v.created_at
      from (select * from cu_version where cu_id = c order by version desc limit 1) v,
           jsonb_array_elements(coalesce(v.definition -> 'questionnaire' -> 'themes', '[]')) t,
           jsonb_array_elements(t -> 'questions') q;
end $$;

-- A respondent's newest answer.
create function search_index_answer(c text, m text) returns void language plpgsql as $$
begin
  delete from search_doc where key = 'answer:' || c || ':' || m;
  insert into search_doc (key, kind, cu_id, municipality_code, title, body, at)
    select 'answer:' || a.cu_id || ':' || a.code, 'answer', a.cu_id, a.code, '', search_text(a.values), a.submitted_at
      from answer a where a.cu_id = c and a.code = m order by a.version desc limit 1;
end $$;

-- The report's edited sections, of its newest edition.
create function search_index_report(c text) returns void language plpgsql as $$
begin
  delete from search_doc where cu_id = c and kind = 'report';
  insert into search_doc (key, kind, cu_id, title, body, at)
    select 'report:' || r.cu_id, 'report', r.cu_id, '', search_text(r.summaries), r.created_at
      from report_edition r where r.cu_id = c order by r.edition desc limit 1;
end $$;

create function search_on_definition() returns trigger language plpgsql as $$
begin perform search_index_definition(new.cu_id); return null; end $$;
create trigger search_definition after insert or update on cu_version for each row execute function search_on_definition();

create function search_on_answer() returns trigger language plpgsql as $$
begin perform search_index_answer(new.cu_id, new.code); return null; end $$;
create trigger search_answer after insert or update on answer for each row execute function search_on_answer();

create function search_on_report() returns trigger language plpgsql as $$
begin perform search_index_report(new.cu_id); return null; end $$;
create trigger search_report after insert or update on report_edition for each row execute function search_on_report();

create function search_on_decision() returns trigger language plpgsql as $$
begin
  insert into search_doc (key, kind, cu_id, title, body, at)
    values ('decision:' || new.event_key, 'decision', new.cu_id, coalesce(new.council, new.body), new.remarks, new.recorded_at)
    on conflict (key) do update set title = excluded.title, body = excluded.body, at = excluded.at;
  return null;
end $$;
create trigger search_decision after insert or update on decision for each row execute function search_on_decision();

create function search_on_revision() returns trigger language plpgsql as $$
begin
  insert into search_doc (key, kind, cu_id, municipality_code, title, body, at)
    values ('revision:' || new.key, 'revision', new.cu_id, new.municipality_code, '', coalesce(new.note, ''), new.at)
    on conflict (key) do update set body = excluded.body;
  return null;
end $$;
create trigger search_revision after insert or update on audit_event for each row
  when (new.kind = 'revision_requested' and new.cu_id is not null) execute function search_on_revision();

-- What the record held before this migration.
select search_index_definition(id) from cu;
select search_index_answer(cu_id, code) from (select distinct cu_id, code from answer) a;
select search_index_report(distinct_cu) from (select distinct cu_id as distinct_cu from report_edition) r;
insert into search_doc (key, kind, cu_id, title, body, at)
  select 'decision:' || event_key, 'decision', cu_id, coalesce(council, body), remarks, recorded_at from decision;
insert into search_doc (key, kind, cu_id, municipality_code, title, body, at)
  select 'revision:' || key, 'revision', cu_id, municipality_code, '', coalesce(note, ''), at
    from audit_event where kind = 'revision_requested' and cu_id is not null;
