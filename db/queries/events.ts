// The audit trail as a feed: in commit order (the writing transaction, then the event's number), from
// a cursor, with filters; never past a transaction that is still running (db/migrations/0014).
import { sql } from 'kysely';
import type { Actor } from '../../domain/actors';
import type { AuditEventRow } from '../../domain/events';
import type { Queryable } from '../schema';

export type FeedRow = AuditEventRow;

export interface FeedQuery {
  after?: { tx: string; seq: number };
  kinds?: string[];
  cuId?: string;
  municipalityCode?: string;
  limit: number;
}

export async function feed(db: Queryable, q: FeedQuery): Promise<FeedRow[]> {
  const { rows } = await sql<{
    key: string;
    tx: string;
    seq: number;
    at: string;
    cu_id: string | null;
    municipality_code: string | null;
    kind: string;
    actor: Actor;
    note: string | null;
  }>`select key, tx::text as tx, seq, at, cu_id, municipality_code, kind, actor, note
       from audit_event
      where tx < pg_snapshot_xmin(pg_current_snapshot())
        ${q.after ? sql`and (tx, seq) > (${q.after.tx}::xid8, ${q.after.seq})` : sql``}
        ${q.kinds?.length ? sql`and kind in (${sql.join(q.kinds)})` : sql``}
        ${q.cuId ? sql`and cu_id = ${q.cuId}` : sql``}
        ${q.municipalityCode ? sql`and municipality_code = ${q.municipalityCode}` : sql``}
      order by audit_event.tx, audit_event.seq
      limit ${q.limit}`.execute(db);
  return rows.map((r) => ({
    key: r.key,
    tx: r.tx,
    seq: Number(r.seq),
    at: r.at,
    cuId: r.cu_id,
    municipalityCode: r.municipality_code,
    kind: r.kind,
    actor: r.actor,
    note: r.note,
  }));
}
