// Where Temporal and the record disagree, kind by kind, in words the secretariat can act on. No
// personal data: ids, codes, phases and statuses only (the check's log lines say the same).
import { z } from './zod';

export const DISAGREEMENTS = {
  cu_missing: 'Udmeldingens workflow findes ikke i Temporal',
  cu_closed: 'Udmeldingens workflow er afsluttet i Temporal, men åben i registreringen',
  cu_phase: 'Udmeldingen står i forskellige faser',
  respondent_missing: 'Respondentens workflow findes ikke i Temporal',
  respondent_closed: 'Respondentens workflow er afsluttet i Temporal, men åben i registreringen',
  respondent_status: 'Respondenten har forskellig status',
  answer_version: 'Respondentens svar har forskellig version',
  unreadable: 'Workflowet kan ikke læses (det kan ikke afspilles mod den nuværende kode, eller Temporal svarer ikke)',
} as const;
export type DisagreementKind = keyof typeof DISAGREEMENTS;

export const disagreementSchema = z.object({
  kind: z.enum(Object.keys(DISAGREEMENTS) as [DisagreementKind, ...DisagreementKind[]]),
  cuId: z.string(),
  code: z.string().optional(),
  /** What the record says, and what Temporal says. */
  record: z.string(),
  temporal: z.string(),
  text: z.string(),
  /** Repaired by the check (a respondent's workflow started again from the record). */
  repaired: z.boolean().optional(),
});
export type Disagreement = z.output<typeof disagreementSchema>;

/** A message the journal says went out after the backup that was restored: its trace of what the restore lost. */
export const sentAfterBackupSchema = z.object({
  template: z.string(),
  cuId: z.string().optional(),
  municipalityCode: z.string().optional(),
  sentAt: z.string(),
});
export type SentAfterBackup = z.output<typeof sentAfterBackupSchema>;

/** The last restore: the backup's moment, and what happened after it that the record no longer holds. */
export const lastRestoreSchema = z.object({
  restoredAt: z.string(),
  backupTakenAt: z.string(),
  sentAfterBackup: z.array(sentAfterBackupSchema),
});
export type LastRestore = z.output<typeof lastRestoreSchema>;

export const agreementReportSchema = z.object({
  checkedAt: z.string(),
  lastRestore: lastRestoreSchema.optional(),
  /** The last check the schedule ran (vedligehold:kontrol). */
  lastScheduled: z.object({ checkedAt: z.string(), disagreements: z.number() }).optional(),
  cus: z.number(),
  respondents: z.number(),
  disagreements: z.array(disagreementSchema),
});
export type AgreementReport = z.output<typeof agreementReportSchema>;

export function disagreement(kind: DisagreementKind, at: { cuId: string; code?: string }, record: string, temporal: string): Disagreement {
  const where = at.code ? `${at.cuId}, ${at.code}` : at.cuId;
  return {
    kind,
    ...at,
    record,
    temporal,
    text: `${DISAGREEMENTS[kind]} (${where}): registreringen siger ${record}, Temporal ${temporal}.`,
  };
}
