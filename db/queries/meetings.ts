// A region's meeting calendars: one row per meeting of a step of the chain or of a council. Every
// change is written with its audit event in one transaction.
import type { Actor } from '../../domain/actors';
import { MAX_CHAIN_MEETINGS, type ChainMeeting, type Meeting, type MeetingBody } from '../../domain/meetings';
import type { IsoDate } from '../../domain/time';
import { json, type Db, type Queryable } from '../schema';
import { accessEvent } from './people';

export interface StoredMeeting extends Meeting {
  id: string;
  regionCode: string;
  title: string;
}

const COLUMNS = ['id', 'region_code', 'body', 'municipality_code', 'on_date', 'agenda_working_days', 'title'] as const;

function toMeeting(r: {
  id: string;
  region_code: string;
  body: MeetingBody;
  municipality_code: string | null;
  on_date: string;
  agenda_working_days: number;
  title: string;
}): StoredMeeting {
  return {
    id: r.id,
    regionCode: r.region_code,
    body: r.body,
    ...(r.municipality_code ? { municipalityCode: r.municipality_code } : {}),
    date: r.on_date,
    agendaWorkingDays: r.agenda_working_days,
    title: r.title,
  };
}

/** A region's (or every region's) meetings on or after `from`, by date; only one body's (and council's) when given. */
export async function listMeetings(
  db: Queryable,
  regionCode: string | undefined,
  filter: { from?: IsoDate; body?: MeetingBody; municipalityCode?: string } = {},
): Promise<StoredMeeting[]> {
  let q = db.selectFrom('meeting').select(COLUMNS);
  if (regionCode) q = q.where('region_code', '=', regionCode);
  if (filter.from) q = q.where('on_date', '>=', filter.from);
  if (filter.body) q = q.where('body', '=', filter.body);
  if (filter.municipalityCode) q = q.where('municipality_code', '=', filter.municipalityCode);
  const rows = await q.orderBy('on_date').orderBy('body').orderBy('municipality_code').execute();
  return rows.map(toMeeting);
}

/**
 * Adds meetings; one already in the calendar (same body and day) gets the new agenda deadline and
 * title. Returns how many were new.
 */
export async function saveMeetings(
  db: Db,
  regionCode: string,
  meetings: (Meeting & { id: string; title: string })[],
  by: Actor,
  now = new Date().toISOString(),
): Promise<{ added: number; updated: number }> {
  if (!meetings.length) return { added: 0, updated: 0 };
  return db.transaction().execute(async (tx) => {
    let added = 0;
    for (const m of meetings) {
      const existing = await tx
        .selectFrom('meeting')
        .select('id')
        .where('region_code', '=', regionCode)
        .where('body', '=', m.body)
        .where('on_date', '=', m.date)
        .where((eb) => (m.municipalityCode ? eb('municipality_code', '=', m.municipalityCode) : eb('municipality_code', 'is', null)))
        .executeTakeFirst();
      if (existing) {
        await tx
          .updateTable('meeting')
          .set({ agenda_working_days: m.agendaWorkingDays, title: m.title })
          .where('id', '=', existing.id)
          .execute();
      } else {
        added++;
        await tx
          .insertInto('meeting')
          .values({
            id: m.id,
            region_code: regionCode,
            body: m.body,
            municipality_code: m.municipalityCode ?? null,
            on_date: m.date,
            agenda_working_days: m.agendaWorkingDays,
            title: m.title,
            created_at: now,
            created_by: json(by),
          })
          .execute();
      }
    }
    const updated = meetings.length - added;
    await accessEvent(tx, 'meetings_changed', by, `${regionCode}: ${added} møder tilføjet, ${updated} ændret`, now);
    return { added, updated };
  });
}

export async function deleteMeeting(db: Db, regionCode: string, id: string, by: Actor): Promise<StoredMeeting | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .deleteFrom('meeting')
      .where('id', '=', id)
      .where('region_code', '=', regionCode)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) return undefined;
    const m = toMeeting(row);
    await accessEvent(
      tx,
      'meetings_changed',
      by,
      `${regionCode}: møde ${m.body}${m.municipalityCode ? ` ${m.municipalityCode}` : ''} ${m.date} slettet`,
    );
    return m;
  });
}

/** The steps' meetings from a day on (no councils'), as a round's workflow carries them. */
export async function upcomingChainMeetings(db: Queryable, regionCode: string, from: IsoDate): Promise<ChainMeeting[]> {
  const rows = await db
    .selectFrom('meeting')
    .select(['body', 'on_date', 'agenda_working_days'])
    .where('region_code', '=', regionCode)
    .where('body', '<>', 'council')
    .where('on_date', '>=', from)
    .orderBy('on_date')
    .limit(MAX_CHAIN_MEETINGS)
    .execute();
  return rows.flatMap((r) => (r.body === 'council' ? [] : [{ body: r.body, date: r.on_date, agendaWorkingDays: r.agenda_working_days }]));
}
