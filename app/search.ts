// Search across every round, with access as everywhere else: the secretariat finds everything,
// directors what their view shows (no answers, no revision comments), and a contact only its own
// answers. Each hit links to where it lives, for the one who searched.
import { search } from '../db/queries/search';
import { parseOrThrow } from '../domain/errors';
import { respondentName } from '../domain/municipalities';
import type { Caller } from '../domain/people';
import { excerptPieces, SEARCH_KINDS, SEARCHABLE, searchQuerySchema, type SearchHit, type SearchKind } from '../domain/search';
import type { z } from '../domain/zod';
import type { AppContext } from './context';

/** Where a hit lives, for this caller. */
function linkOf(caller: Caller, hit: { kind: SearchKind; cuId: string; municipalityCode: string | null }): string {
  const respondentPage = `/kommune/${hit.cuId}/${hit.municipalityCode ?? ''}`;
  if (caller.role === 'municipality') return respondentPage;
  if (caller.role === 'region') return `/region/${hit.cuId}`;
  if (caller.role === 'director') return `/oversigt/cu/${hit.cuId}`;
  const cu = `/sekretariat/cu/${hit.cuId}`;
  switch (hit.kind) {
    case 'answer':
    case 'revision':
      return respondentPage;
    case 'report':
      return `${cu}#afrapportering`;
    case 'decision':
      return `${cu}#godkendelse`;
    default:
      return cu;
  }
}

export function searchCommands(ctx: AppContext) {
  const { db } = ctx;
  return {
    async search(query: z.input<typeof searchQuerySchema>, caller: Caller): Promise<{ hits: SearchHit[]; more: boolean }> {
      ctx.allow(caller, 'search');
      const q = parseOrThrow(searchQuerySchema, query);
      const wanted = q.kind ? (q.kind.split(',') as SearchKind[]) : undefined;
      const kinds = SEARCHABLE[caller.role].filter((k) => !wanted || wanted.includes(k));
      if (!kinds.length) return { hits: [], more: false };
      // A personal link reaches one CU and one respondent.
      const own =
        caller.role === 'municipality' || caller.role === 'region' ? { cuId: caller.cu ?? '', municipalityCode: caller.m ?? '' } : {};
      const rows = await ctx.read('Søgningen', () =>
        search(db, {
          q: q.q,
          kinds,
          ...(q.regionCode ? { regionCode: q.regionCode } : {}),
          ...(q.year !== undefined ? { year: q.year } : {}),
          ...(q.templateId ? { templateId: q.templateId } : {}),
          ...(q.cuId ? { cuId: q.cuId } : {}),
          ...(q.municipalityCode ? { municipalityCode: q.municipalityCode } : {}),
          ...own,
          limit: q.limit + 1,
        }),
      );
      const hits = rows.slice(0, q.limit).map((r): SearchHit => ({
        kind: r.kind,
        kindLabel: SEARCH_KINDS[r.kind],
        cuId: r.cuId,
        cuTitle: r.cuTitle,
        ...(r.municipalityCode ? { municipalityCode: r.municipalityCode, respondent: respondentName(r.municipalityCode) } : {}),
        title: r.title,
        excerpt: excerptPieces(r.excerpt),
        at: r.at,
        link: linkOf(caller, r),
      }));
      return { hits, more: rows.length > q.limit };
    },
  };
}
