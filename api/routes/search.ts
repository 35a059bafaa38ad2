// Search across every round, in Danish.
import type { Udmeld } from '../../app';
import { searchQuerySchema, searchResultSchema } from '../../domain/search';
import { route, type Route } from '../route';

export function searchRoutes(app: Udmeld): Route[] {
  return [
    route('search', {
      method: 'get',
      path: '/api/search',
      tag: 'Søgning',
      summary:
        'Fritekstsøgning på dansk (bøjninger findes: "borgere" finder "borger"; "sætning", -udelad, or) i udmeldingernes titler og målgrupper, spørgsmål, besvarelser, bemærkninger ved revision, beslutninger og afrapporteringer, rangeret og med uddrag. Filtrér med kind (kommasepareret), regionCode, year, templateId, cuId og municipalityCode. Sekretariatet finder alt, direktører ikke besvarelser, en kontaktperson kun sin egen besvarelse',
      query: searchQuerySchema,
      response: searchResultSchema,
      handle: ({ query, caller }) => app.search(query, caller),
    }),
  ];
}
