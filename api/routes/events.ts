// The event feed: every audit event as a CloudEvents 1.0 object, in the order of the record.
import type { Udmeld } from '../../app';
import { eventQuerySchema } from '../../app/events';
import { eventFeedSchema } from '../../domain/events';
import { route, type Route } from '../route';

export function eventRoutes(app: Udmeld): Route[] {
  return [
    route('readEvents', {
      method: 'get',
      path: '/api/events',
      tag: 'Hændelser',
      summary:
        'Hændelsesstrømmen: hver hændelse i revisionssporet som CloudEvents 1.0 (type dk.udmeld.<art>), i registreringens rækkefølge. Læs videre med after=<next>; filtrér med type (kommasepareret), cuId og municipalityCode. Integrationsnøgler skal have events:read; direktører får hændelserne uden noter og navne',
      query: eventQuerySchema,
      response: eventFeedSchema,
      handle: ({ query, caller }) => app.events(query, caller),
    }),
  ];
}
