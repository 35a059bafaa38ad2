// What the record says is still going on: the open CUs (not submitted, completed or withdrawn) with
// their phase, and their respondents not yet closed, with status and answer version.
import type { AgreementReport } from '../../domain/agreement';
import { json, type Queryable } from '../schema';

export interface OpenCu {
  cuId: string;
  phase: string;
  respondents: { code: string; status: string; answerVersion: number; deadline: string }[];
}

export async function openWork(db: Queryable): Promise<OpenCu[]> {
  const cus = await db
    .selectFrom('cu')
    .select(['id', 'phase'])
    .where('phase', 'not in', ['submitted', 'completed', 'withdrawn'])
    .orderBy('id')
    .execute();
  if (cus.length === 0) return [];
  const respondents = await db
    .selectFrom('municipality')
    .select(['cu_id', 'code', 'status', 'answer_version', 'deadline'])
    .where(
      'cu_id',
      'in',
      cus.map((c) => c.id),
    )
    .where('closed', '=', false)
    .orderBy('code')
    .execute();
  return cus.map((c) => ({
    cuId: c.id,
    phase: c.phase,
    respondents: respondents
      .filter((r) => r.cu_id === c.id)
      .map((r) => ({ code: r.code, status: r.status, answerVersion: r.answer_version, deadline: r.deadline })),
  }));
}

/** The scheduled check's report, kept for the secretariat's page (the last one is shown). */
export async function keepAgreementCheck(db: Queryable, report: AgreementReport): Promise<void> {
  await db
    .insertInto('agreement_check')
    .values({ checked_at: report.checkedAt, report: json(report) })
    .execute();
}

export async function lastScheduledCheck(db: Queryable): Promise<AgreementReport | undefined> {
  const row = await db.selectFrom('agreement_check').select('report').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.report;
}
