// Personal calendar feeds: the feed's secret (hashed), and what goes in it for its person's role —
// a municipality's open deadlines and its council's, the national deadlines and the chain's
// meetings for directors, all of it for the secretariat.
import { sql } from 'kysely';
import type { AccessRole } from '../../domain/actors';
import type { MeetingBody } from '../../domain/meetings';
import { AWAITING } from '../../domain/municipality-process';
import type { IsoDate } from '../../domain/time';
import type { Db, Queryable } from '../schema';

export type FeedItem =
  | { kind: 'deadline'; cuId: string; title: string; code: string; date: IsoDate }
  | { kind: 'council'; cuId: string; title: string; council: string; regionCode: string; date: IsoDate }
  | { kind: 'national'; cuId: string; title: string; date: IsoDate }
  | { kind: 'meeting'; id: string; body: MeetingBody; municipalityCode?: string; date: IsoDate; agendaWorkingDays: number; title: string };

export interface FeedOwner {
  feedId: string;
  secretHash: string;
  personId: string;
  role: AccessRole;
  name: string;
  municipalityCode: string | null;
}

/** Issues the person's feed, revoking the one before. */
export async function issueFeed(db: Db, personId: string, feed: { id: string; secretHash: string }, now: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('calendar_feed')
      .set({ revoked_at: now })
      .where('person_id', '=', personId)
      .where('revoked_at', 'is', null)
      .execute();
    await tx
      .insertInto('calendar_feed')
      .values({ id: feed.id, person_id: personId, secret_hash: feed.secretHash, created_at: now })
      .execute();
  });
}

export async function revokeFeed(db: Queryable, personId: string, now: string): Promise<number> {
  const rows = await db
    .updateTable('calendar_feed')
    .set({ revoked_at: now })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function activeFeed(db: Queryable, personId: string): Promise<{ createdAt: string; lastUsedAt?: string } | undefined> {
  const row = await db
    .selectFrom('calendar_feed')
    .select(['created_at', 'last_used_at'])
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { createdAt: row.created_at, ...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}) } : undefined;
}

/** The active feed with this id, and its person while not revoked. */
export async function feedOwner(db: Queryable, feedId: string): Promise<FeedOwner | undefined> {
  const row = await db
    .selectFrom('calendar_feed as f')
    .innerJoin('person as p', 'p.id', 'f.person_id')
    .select(['f.id', 'f.secret_hash', 'p.id as person_id', 'p.role', 'p.name', 'p.municipality_code'])
    .where('f.id', '=', feedId)
    .where('f.revoked_at', 'is', null)
    .where('p.revoked_at', 'is', null)
    .executeTakeFirst();
  return row
    ? {
        feedId: row.id,
        secretHash: row.secret_hash,
        personId: row.person_id,
        role: row.role,
        name: row.name,
        municipalityCode: row.municipality_code,
      }
    : undefined;
}

export async function touchFeed(db: Queryable, feedId: string, now: string): Promise<void> {
  await db.updateTable('calendar_feed').set({ last_used_at: now }).where('id', '=', feedId).execute();
}

const OPEN = sql`cu.phase not in ('submitted', 'completed', 'withdrawn')`;

/** What a person's feed shows: from a month back, by role. */
export async function feedItems(
  db: Queryable,
  who: { role: AccessRole; municipalityCode: string | null },
  from: IsoDate,
): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  const code = who.municipalityCode;
  if (who.role === 'municipality' && code) {
    const { rows } = await sql<{ cu_id: string; title: string; deadline: string }>`
      select m.cu_id, v.definition->>'title' as title, m.deadline from municipality m
      join cu on cu.id = m.cu_id join cu_version v on v.cu_id = cu.id and v.version = cu.version
      where m.code = ${code} and m.status in (${sql.join([...AWAITING])}) and cu.phase = 'reporting' and m.deadline >= ${from}
      order by m.deadline`.execute(db);
    for (const r of rows) items.push({ kind: 'deadline', cuId: r.cu_id, title: r.title, code, date: r.deadline });
  }
  if ((who.role === 'municipality' && code) || who.role === 'region' || who.role === 'secretariat') {
    const council = who.role === 'region' ? 'region' : code;
    const { rows } = await sql<{ cu_id: string; title: string; council: string; region_code: string; deadline: string }>`
      select c.cu_id, v.definition->>'title' as title, c.council, cu.region_code, c.deadline from council c
      join cu on cu.id = c.cu_id join cu_version v on v.cu_id = cu.id and v.version = cu.version
      where c.status = 'pending' and cu.phase = 'political' and c.deadline >= ${from}
        and (${who.role === 'secretariat'} or c.council = ${council ?? ''})
      order by c.deadline`.execute(db);
    for (const r of rows)
      items.push({ kind: 'council', cuId: r.cu_id, title: r.title, council: r.council, regionCode: r.region_code, date: r.deadline });
  }
  if (who.role === 'secretariat') {
    const { rows } = await sql<{ cu_id: string; title: string; deadline: string }>`
      select r.cu_id, v.definition->>'title' as title, r.deadline from round r
      join cu on cu.id = r.cu_id join cu_version v on v.cu_id = cu.id and v.version = cu.version
      where cu.phase = 'reporting' and r.deadline >= ${from} order by r.deadline`.execute(db);
    for (const r of rows) items.push({ kind: 'deadline', cuId: r.cu_id, title: r.title, code: '', date: r.deadline });
  }
  if (who.role === 'secretariat' || who.role === 'director') {
    const { rows } = await sql<{ id: string; title: string; national: string }>`
      select cu.id, v.definition->>'title' as title, v.definition->>'nationalDeadline' as national from cu
      join cu_version v on v.cu_id = cu.id and v.version = cu.version
      where ${OPEN} and v.definition->>'nationalDeadline' >= ${from} order by 3`.execute(db);
    for (const r of rows) items.push({ kind: 'national', cuId: r.id, title: r.title, date: r.national });
  }
  if (who.role === 'secretariat' || who.role === 'director' || (who.role === 'municipality' && code)) {
    let q = db
      .selectFrom('meeting')
      .select(['id', 'body', 'municipality_code', 'on_date', 'agenda_working_days', 'title'])
      .where('on_date', '>=', from);
    if (who.role === 'director') q = q.where('body', '<>', 'council');
    if (who.role === 'municipality') q = q.where('body', '=', 'council').where('municipality_code', '=', code);
    for (const m of await q.orderBy('on_date').execute())
      items.push({
        kind: 'meeting',
        id: m.id,
        body: m.body,
        ...(m.municipality_code ? { municipalityCode: m.municipality_code } : {}),
        date: m.on_date,
        agendaWorkingDays: m.agenda_working_days,
        title: m.title,
      });
  }
  return items;
}
