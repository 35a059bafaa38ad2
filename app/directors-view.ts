// What directors may see of a CU: the process and the decisions, and the report only as it leaves
// the secretariat (small numbers protected, the texts the protected report shows). No answers, no
// contacts' addresses, no mail errors.
import { cuRecordSchema, municipalityRecordSchema, roundRecordSchema, timestamp, type CuRecord, type RoundRecord } from '../domain/views';
import { z } from '../domain/zod';
import { reportModel, reportModelSchema } from '../report/model';

export const directorsViewSchema = cuRecordSchema.omit({ municipalities: true, report: true, round: true, mailFailures: true }).extend({
  round: roundRecordSchema.omit({ contacts: true }).optional(),
  municipalities: z.record(
    z.string(),
    municipalityRecordSchema
      .pick({ code: true, name: true, status: true, deadline: true, closed: true })
      .extend({ submittedAt: timestamp.optional() }),
  ),
  /** The protected report, as its Word document shows it. */
  report: reportModelSchema.optional(),
});
export type DirectorsView = z.output<typeof directorsViewSchema>;

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
