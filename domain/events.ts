// The event feed's shape: each audit event as a CloudEvents 1.0 object (type `dk.udmeld.<kind>`,
// `dk.udmeld.phase.<phase>` for a phase change), and the cursor that goes both ways between a string
// and the record's position (the writing transaction and the event's number).
import { CloudEvent } from 'cloudevents';
import { ROLES, type Actor } from './actors';
import { CU_PHASES } from './cu-process';
import { EVENT_KINDS, eventLabel, type EventKind } from './record';
import { z } from './zod';

export const EVENT_TYPE_PREFIX = 'dk.udmeld.';
export const EVENT_TYPES = [
  ...Object.keys(EVENT_KINDS).map((k) => `${EVENT_TYPE_PREFIX}${k}`),
  ...Object.keys(CU_PHASES).map((p) => `${EVENT_TYPE_PREFIX}phase.${p}`),
] as [string, ...string[]];

export const eventTypeOf = (kind: string) => `${EVENT_TYPE_PREFIX}${kind.replace(':', '.')}`;
export const kindOfEventType = (type: string) => type.slice(EVENT_TYPE_PREFIX.length).replace('.', ':');

export interface Cursor {
  tx: string;
  seq: number;
}
export const CURSOR = /^(\d{1,20})\.(\d{1,15})$/;
export const cursorOf = (c: Cursor): string => `${c.tx}.${c.seq}`;
export function parseCursor(s: string): Cursor | undefined {
  const m = CURSOR.exec(s);
  return m ? { tx: m[1] ?? '0', seq: Number(m[2]) } : undefined;
}

/** The `data` of every event type. */
export const eventDataSchema = z.object({
  kind: z.string(),
  label: z.string(),
  cuId: z.string().optional(),
  municipalityCode: z.string().optional(),
  /** Who: the role always; the name where the reader may see it (not in directors' feeds). */
  by: z.object({ role: z.enum(ROLES), name: z.string().optional() }),
  note: z.string().optional(),
});
export type EventData = z.output<typeof eventDataSchema>;

export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string(),
  source: z.string(),
  type: z.enum(EVENT_TYPES),
  subject: z.string().optional(),
  time: z.string(),
  datacontenttype: z.literal('application/json'),
  data: eventDataSchema,
});

export const eventFeedSchema = z.object({
  events: z.array(cloudEventSchema),
  /** Give it as `after` to read on; the same when nothing new has come. */
  next: z.string(),
});

/** An audit event as the feed reads it: its key, its place in the record, and what it says. */
export interface AuditEventRow extends Cursor {
  key: string;
  at: string;
  cuId: string | null;
  municipalityCode: string | null;
  kind: string;
  actor: Actor;
  note: string | null;
}

/** Who reads: everything (the secretariat, its keys and webhooks), or a director's view without notes and names. */
export type EventView = 'full' | 'director';

/** The CloudEvent of an audit event; the library checks it against the specification, our schema gives its type. */
export function toCloudEvent(row: AuditEventRow, publicUrl: string, view: EventView): z.output<typeof cloudEventSchema> {
  const director = view === 'director';
  const data: EventData = {
    kind: row.kind,
    label: eventLabel(row.kind as EventKind),
    ...(row.cuId ? { cuId: row.cuId } : {}),
    ...(row.municipalityCode ? { municipalityCode: row.municipalityCode } : {}),
    by: { role: row.actor.role, ...(director ? {} : { name: row.actor.name }) },
    ...(row.note && !director ? { note: row.note } : {}),
  };
  const event = new CloudEvent<EventData>({
    id: row.key,
    source: row.cuId ? `${publicUrl}/sekretariat/cu/${row.cuId}` : `${publicUrl}/sekretariat/adgang`,
    type: eventTypeOf(row.kind),
    ...(row.cuId ? { subject: row.municipalityCode ? `cu/${row.cuId}/respondent/${row.municipalityCode}` : `cu/${row.cuId}` } : {}),
    time: row.at,
    datacontenttype: 'application/json',
    data,
  });
  return cloudEventSchema.parse(event.toJSON());
}
