// The search page: a Danish query across every round, with filters, ranked hits and their
// excerpts (the matched words marked), each linking to where it lives. What a person finds is what
// their role may read (app/search.ts).
import { Router } from 'express';
import type { Udmeld } from '../../app';
import type { AccessOptions } from '../../auth/authenticate';
import { bdi, html } from '../../domain/html';
import { REGIONS } from '../../domain/municipalities';
import { SEARCH_KINDS, SEARCHABLE, searchQuerySchema, type SearchHit } from '../../domain/search';
import { fieldIssues, type FieldIssue } from '../../domain/zod';
import { date, errorSummary, input, notice, select } from '../components';
import { pageRoute } from '../page-route';

export const SEARCH_PAGE = '/soeg';
const FIELDS = ['q', 'kind', 'year', 'regionCode', 'templateId'] as const;

export function searchPages(app: Udmeld, access: AccessOptions): Router {
  const router = Router();
  router.get(
    SEARCH_PAGE,
    pageRoute(access, ['secretariat', 'director', 'municipality', 'region'], async ({ req, caller }) => {
      const given = Object.fromEntries(
        FIELDS.flatMap((f) => {
          const v = req.query[f];
          return typeof v === 'string' && v !== '' ? [[f, v]] : [];
        }),
      ) as Partial<Record<(typeof FIELDS)[number], string>>;
      const wide = caller.role === 'secretariat' || caller.role === 'director';
      let found: { hits: SearchHit[]; more: boolean } | undefined;
      let issues: FieldIssue[] = [];
      if (req.query.q !== undefined) {
        const parsed = searchQuerySchema.safeParse({ ...given, q: given.q ?? '' });
        if (parsed.success) found = await app.search(parsed.data, caller);
        else issues = fieldIssues(parsed.error);
      }
      const kinds = SEARCHABLE[caller.role];
      return {
        title: given.q ? `Søgning: ${given.q}` : 'Søg',
        status: issues.length ? 400 : 200,
        body: html`<h1>Søg i alle runder</h1>
<p>${
          caller.role === 'secretariat'
            ? 'Søg i udmeldingernes titler og målgrupper, spørgsmålene, kommunernes besvarelser, bemærkninger ved revision, beslutningerne og afrapporteringerne.'
            : caller.role === 'director'
              ? 'Søg i udmeldingerne, spørgsmålene, beslutningerne og afrapporteringerne.'
              : 'Søg i jeres egen besvarelse.'
        } Bøjninger findes også (“borgere” finder “borger”); sæt ord i anførselstegn for en præcis sætning, og minus foran et ord, der ikke må være med.</p>
${errorSummary(issues)}
<form method="get" role="search" novalidate>
${input({ path: 'q', label: 'Søg efter', type: 'search', required: true, value: given.q ?? '', issues })}
${kinds.length > 1 ? select({ path: 'kind', label: 'Hvad', value: given.kind ?? '', options: [['', 'Alt'], ...kinds.map((k): [string, string] => [k, SEARCH_KINDS[k]])], issues }) : ''}
${wide ? input({ path: 'year', label: 'År', type: 'number', inputmode: 'numeric', value: given.year ?? '', issues }) : ''}
${wide ? select({ path: 'regionCode', label: 'Region', value: given.regionCode ?? '', options: [['', 'Alle regioner'], ...Object.entries(REGIONS)], issues }) : ''}
<button type="submit">Søg</button></form>
${
  found
    ? found.hits.length
      ? html`<h2>${found.hits.length}${found.more ? '+' : ''} ${found.hits.length === 1 ? 'resultat' : 'resultater'}</h2>
<ol class="hits">${found.hits.map(
          (h) => html`<li><h3><a href="${h.link}">${bdi(h.cuTitle)}</a></h3>
<p class="hint">${h.kindLabel}${h.respondent ? html` · ${h.respondent}` : ''}${h.title && h.kind !== 'cu' ? html` · ${bdi(h.title)}` : ''} · ${date(h.at)}</p>
<p>${h.excerpt.map((p) => (p.hit ? html`<mark>${p.text}</mark>` : html`${p.text}`))}</p></li>`,
        )}</ol>${found.more ? html`<p class="hint">Der er flere resultater: gør søgningen mere præcis.</p>` : ''}`
      : notice('Ingen resultater. Prøv andre ord, eller færre.')
    : ''
}`,
      };
    }),
  );
  return router;
}
