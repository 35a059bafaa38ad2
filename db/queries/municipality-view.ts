// One municipality's page: its record, the questionnaire its round asked, its draft and events.
import type { MunicipalityView } from '../../domain/views';
import type { CuPhase } from '../../domain/cu-process';
import type { Queryable } from '../schema';
import { auditEvents, municipalityRecords } from './cu-record';

export async function readMunicipality(db: Queryable, cuId: string, code: string): Promise<MunicipalityView | undefined> {
  const [context, [record], draft, events] = await Promise.all([
    db
      .selectFrom('round')
      .innerJoin('cu', 'cu.id', 'round.cu_id')
      .innerJoin('cu_version as asked', (join) =>
        join.onRef('asked.cu_id', '=', 'round.cu_id').onRef('asked.version', '=', 'round.cu_version'),
      )
      .innerJoin('cu_version as now', (join) => join.onRef('now.cu_id', '=', 'cu.id').onRef('now.version', '=', 'cu.version'))
      .select(['cu.phase', 'asked.definition as asked', 'now.definition as current'])
      .where('round.cu_id', '=', cuId)
      .executeTakeFirst(),
    municipalityRecords(db, cuId, code, true),
    db
      .selectFrom('municipality')
      .select(['draft', 'draft_saved_at', 'draft_by'])
      .where('cu_id', '=', cuId)
      .where('code', '=', code)
      .executeTakeFirst(),
    auditEvents(db, { cuId, municipalityCode: code }),
  ]);
  if (!context || !record) return undefined;
  return {
    ...record,
    cuTitle: context.current.title,
    phase: context.phase as CuPhase,
    questionnaire: context.asked.questionnaire,
    ...(draft?.draft && draft.draft_saved_at && draft.draft_by
      ? { draft: { values: draft.draft, savedAt: draft.draft_saved_at, by: draft.draft_by } }
      : {}),
    events,
  };
}
