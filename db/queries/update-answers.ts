// What an Update did, from the record: a request repeated (same Idempotency-Key) after its workflow
// has closed, or been deleted with the namespace's retention, gets the answer it got the first time.
import type { CuPhase } from '../../domain/cu-process';
import type { EventKind } from '../../domain/record';
import type { MunicipalityStatus } from '../../domain/municipality-process';
import type { CuAck, MunicipalityAck } from '../../domain/commands';
import type { Db } from '../schema';

/** The first event the Update wrote (later writes it started carry its id too). */
async function eventOf(db: Db, cuId: string, updateId: string, code?: string) {
  let query = db.selectFrom('audit_event').select(['kind', 'at']).where('cu_id', '=', cuId).where('update_id', '=', updateId);
  query = code ? query.where('municipality_code', '=', code) : query;
  const row = await query.orderBy('seq').executeTakeFirst();
  return row && { kind: row.kind as EventKind, at: row.at };
}

export async function cuAckOf(db: Db, cuId: string, updateId: string): Promise<CuAck | undefined> {
  const event = await eventOf(db, cuId, updateId);
  const cu = event && (await db.selectFrom('cu').select('phase').where('id', '=', cuId).executeTakeFirst());
  return event && cu ? { cuId, phase: cu.phase as CuPhase, event } : undefined;
}

export async function municipalityAckOf(db: Db, cuId: string, code: string, updateId: string): Promise<MunicipalityAck | undefined> {
  const event = await eventOf(db, cuId, updateId, code);
  const row =
    event &&
    (await db
      .selectFrom('municipality')
      .select(['status', 'deadline', 'answer_version'])
      .where('cu_id', '=', cuId)
      .where('code', '=', code)
      .executeTakeFirst());
  return event && row
    ? { cuId, code, status: row.status as MunicipalityStatus, deadline: row.deadline, answerVersion: row.answer_version, event }
    : undefined;
}
