// Full-text search over the record's index (search_doc), in Danish: the query as a person types it
// (websearch syntax: words, "a phrase", -not, or), ranked, filtered, and the excerpts of the page of
// hits only (ts_headline reads the whole text, so it runs on at most `limit` rows).
// Ranking is by cover density (ts_rank_cd) among the newest matches (RANKED_MATCHES).
import { sql } from 'kysely';
import { HIT_END, HIT_START, type SearchKind } from '../../domain/search';
import type { Queryable } from '../schema';

export interface SearchFilter {
  q: string;
  kinds: readonly SearchKind[];
  regionCode?: string;
  year?: number;
  templateId?: string;
  cuId?: string;
  municipalityCode?: string;
  limit: number;
}

export interface SearchRow {
  kind: SearchKind;
  cuId: string;
  cuTitle: string;
  municipalityCode: string | null;
  title: string;
  excerpt: string;
  at: string;
}

const HEADLINE = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

/**
 * How many of the newest matches are ranked. A query of common words matches most of the record;
 * ranking reads each match's whole vector, so it is kept to the newest this many (an index on the
 * time finds them without reading the rest). A query with fewer matches is ranked in full.
 */
export const RANKED_MATCHES = 1000;

export async function search(db: Queryable, f: SearchFilter): Promise<SearchRow[]> {
  // The CU's newest definition gives its year and template, looked up only when a filter needs it.
  const byDefinition = f.year !== undefined || f.templateId !== undefined;
  // Inline, not in a CTE: the planner then sees the query's words and their frequencies, and picks
  // the time index (common words) or the text index (rare words).
  const query = sql`websearch_to_tsquery('danish', ${f.q})`;
  const { rows } = await sql<{
    kind: SearchKind;
    cu_id: string;
    cu_title: string | null;
    municipality_code: string | null;
    title: string;
    excerpt: string;
    at: string;
  }>`with candidates as materialized (
       select d.key, d.at, d.tsv
         from search_doc d
         ${f.regionCode ? sql`join cu on cu.id = d.cu_id and cu.region_code = ${f.regionCode}` : sql``}
         ${
           byDefinition
             ? sql`join lateral (select definition from cu_version v where v.cu_id = d.cu_id order by v.version desc limit 1) v on true`
             : sql``
         }
        where d.tsv @@ ${query}
          and d.kind in (${sql.join(f.kinds)})
          ${f.cuId ? sql`and d.cu_id = ${f.cuId}` : sql``}
          ${f.municipalityCode ? sql`and d.municipality_code = ${f.municipalityCode}` : sql``}
          ${f.year !== undefined ? sql`and left(v.definition ->> 'issuedOn', 4) = ${String(f.year)}` : sql``}
          ${f.templateId ? sql`and v.definition -> 'template' ->> 'id' = ${f.templateId}` : sql``}
        order by d.at desc
        limit ${RANKED_MATCHES}),
     hits as (
       select c.key, c.at, ts_rank_cd(c.tsv, ${query}) as rank from candidates c order by rank desc, c.at desc limit ${f.limit})
     select d.kind, d.cu_id, d.municipality_code, d.title, d.at,
            (select title from search_doc c where c.key = 'cu:' || d.cu_id) as cu_title,
            ts_headline('danish', case when d.body = '' then d.title else d.body end, ${query}, ${HEADLINE}) as excerpt
       from hits h join search_doc d on d.key = h.key
      order by h.rank desc, h.at desc`.execute(db);
  return rows.map((r) => ({
    kind: r.kind,
    cuId: r.cu_id,
    cuTitle: r.cu_title ?? r.cu_id,
    municipalityCode: r.municipality_code,
    title: r.title,
    excerpt: r.excerpt,
    at: r.at,
  }));
}
