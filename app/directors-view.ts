// What directors may see of a CU: the process and the decisions, and the report only as it leaves
// the secretariat (small numbers protected, the texts the protected report shows). No answers, no
// contacts' addresses, no mail errors.
import type { CuRecord, MunicipalityRecord, RoundRecord } from '../domain/views';
import { reportModel, type ReportModel } from '../report/model';

export interface DirectorsView extends Omit<CuRecord, 'municipalities' | 'report' | 'round' | 'mailFailures'> {
  round?: Omit<RoundRecord, 'contacts'>;
  municipalities: Record<string, Pick<MunicipalityRecord, 'code' | 'name' | 'status' | 'deadline' | 'closed'> & { submittedAt?: string }>;
  /** The protected report, as its Word document shows it. */
  report?: ReportModel;
}

function withoutContacts({ contacts: _, ...round }: RoundRecord): Omit<RoundRecord, 'contacts'> {
  return round;
}

export function forDirectors(record: CuRecord, threshold: number): DirectorsView {
  const { municipalities, report, round, mailFailures: _, ...rest } = record;
  return {
    ...rest,
    ...(round ? { round: withoutContacts(round) } : {}),
    municipalities: Object.fromEntries(
      Object.values(municipalities).map((m) => [
        m.code,
        {
          code: m.code,
          name: m.name,
          status: m.status,
          deadline: m.deadline,
          closed: m.closed,
          ...(m.answer ? { submittedAt: m.answer.submittedAt } : {}),
        },
      ]),
    ),
    ...(report ? { report: reportModel(record, { threshold }) } : {}),
  };
}
