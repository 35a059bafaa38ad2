// One municipality's page: its record, the questionnaire its round asked, its draft and events.
import { sql } from 'kysely';
import type { AnswerValues } from '../../domain/answer';
import type { Questionnaire } from '../../domain/questionnaire';
import type { MunicipalityView, PreviousAnswer } from '../../domain/views';
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

/**
 * The respondent's answer in the previous round of the same template in the same region: the newest
 * round launched before this one (or before now, before launch) in which it submitted an answer.
 */
export async function previousAnswer(db: Queryable, cuId: string, code: string): Promise<PreviousAnswer | undefined> {
  const found = await sql<{ cu_id: string; title: string; submitted_at: string; questionnaire: Questionnaire; values: AnswerValues }>`
    select a.cu_id, ov.definition ->> 'title' as title, a.submitted_at, asked.definition -> 'questionnaire' as questionnaire, a.values
    from cu this
    join cu_version tv on tv.cu_id = this.id and tv.version = this.version
    left join round tr on tr.cu_id = this.id
    join cu other on other.id <> this.id and other.region_code = this.region_code
    join cu_version ov on ov.cu_id = other.id and ov.version = other.version
    join round r on r.cu_id = other.id
    join cu_version asked on asked.cu_id = r.cu_id and asked.version = r.cu_version
    join lateral (
      select * from answer where answer.cu_id = other.id and answer.code = ${code} order by version desc limit 1
    ) a on true
    where this.id = ${cuId}
      and ov.definition -> 'template' ->> 'id' = tv.definition -> 'template' ->> 'id'
      and r.launched_at < coalesce(tr.launched_at, now())
    order by r.launched_at desc
    limit 1`.execute(db);
  const row = found.rows[0];
  return (
    row && {
      cuId: row.cu_id,
      cuTitle: row.title,
      submittedAt: new Date(row.submitted_at).toISOString(),
      questionnaire: row.questionnaire,
      values: row.values,
    }
  );
}
