// The event feed for case and agenda systems: every audit event as a CloudEvents 1.0 object, in the
// order of the record, from a cursor, filtered by type, CU and respondent. Read with a service key's
// `events:read`, by the secretariat, and by directors without what their view holds back (notes,
// names, and the access trail's events about people).
import { CloudEvent } from 'cloudevents';
import { feed } from '../db/queries/events';
import { cuIdSchema } from '../domain/cu';
import { parseOrThrow } from '../domain/errors';
import {
  cloudEventSchema,
  CURSOR,
  cursorOf,
  EVENT_TYPES,
  eventTypeOf,
  kindOfEventType,
  parseCursor,
  type EventData,
} from '../domain/events';
import type { Caller } from '../domain/people';
import { eventLabel, type EventKind } from '../domain/record';
import { municipalityCodeSchema, z } from '../domain/zod';
import type { AppContext } from './context';

const TYPE = `(${EVENT_TYPES.map((t) => t.replaceAll('.', '\\.')).join('|')})`;
export const eventQuerySchema = z.strictObject({
  after: z.string().regex(CURSOR, 'Ugyldig markør: brug "next" fra det forrige svar').optional(),
  /** One or more types, comma-separated (the pattern lists every type there is). */
  type: z
    .string()
    // Short enough that even fully percent-encoded the address stays under Node's 16 KB header limit.
    .max(1000)
    .regex(new RegExp(`^${TYPE}(,${TYPE})*$`), 'Ukendt hændelsestype')
    .optional(),
  cuId: cuIdSchema.optional(),
  municipalityCode: municipalityCodeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function eventCommands(ctx: AppContext) {
  const { db, config } = ctx;
  return {
    async events(query: z.input<typeof eventQuerySchema>, caller: Caller) {
      ctx.allow(caller, 'readEvents');
      const q = parseOrThrow(eventQuerySchema, query);
      const after = q.after ? parseCursor(q.after) : undefined;
      const rows = await ctx.read('Hændelserne', () =>
        feed(db, {
          ...(after ? { after } : {}),
          ...(q.type ? { kinds: q.type.split(',').map(kindOfEventType) } : {}),
          ...(q.cuId ? { cuId: q.cuId } : {}),
          ...(q.municipalityCode ? { municipalityCode: q.municipalityCode } : {}),
          limit: q.limit,
        }),
      );
      const director = caller.role === 'director';
      const events = rows
        .filter((r) => !director || r.cuId !== null)
        .map((r) => {
          const data: EventData = {
            kind: r.kind,
            label: eventLabel(r.kind as EventKind),
            ...(r.cuId ? { cuId: r.cuId } : {}),
            ...(r.municipalityCode ? { municipalityCode: r.municipalityCode } : {}),
            by: { role: r.actor.role, ...(director ? {} : { name: r.actor.name }) },
            ...(r.note && !director ? { note: r.note } : {}),
          };
          // The library checks the event against the CloudEvents specification; our schema gives it its type.
          const event = new CloudEvent<EventData>({
            id: r.key,
            source: r.cuId ? `${config.http.publicUrl}/sekretariat/cu/${r.cuId}` : `${config.http.publicUrl}/sekretariat/adgang`,
            type: eventTypeOf(r.kind),
            ...(r.cuId ? { subject: r.municipalityCode ? `cu/${r.cuId}/respondent/${r.municipalityCode}` : `cu/${r.cuId}` } : {}),
            time: r.at,
            datacontenttype: 'application/json',
            data,
          });
          return cloudEventSchema.parse(event.toJSON());
        });
      const last = rows.at(-1);
      return { events, next: last ? cursorOf(last) : (q.after ?? cursorOf({ tx: '0', seq: 0 })) };
    },
  };
}
