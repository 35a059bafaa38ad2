// The event feed for case and agenda systems: every audit event as a CloudEvents 1.0 object, in the
// order of the record, from a cursor, filtered by type, CU and respondent. Read with a service key's
// `events:read`, by the secretariat, and by directors without what their view holds back (notes,
// names, and the access trail's events about people).
import { feed } from '../db/queries/events';
import { cuIdSchema } from '../domain/cu';
import { parseOrThrow } from '../domain/errors';
import { CURSOR, cursorOf, EVENT_TYPES, kindOfEventType, parseCursor, toCloudEvent } from '../domain/events';
import type { Caller } from '../domain/people';
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
      const view = caller.role === 'director' ? 'director' : 'full';
      const events = rows.filter((r) => view === 'full' || r.cuId !== null).map((r) => toCloudEvent(r, config.http.publicUrl, view));
      const last = rows.at(-1);
      return { events, next: last ? cursorOf(last) : (q.after ?? cursorOf({ tx: '0', seq: 0 })) };
    },
  };
}
