// What reads of the record return: a CU with its round, answers, report, decisions and audit
// trail, as the pages, the API and the report documents use it. Each shape is a zod schema and its
// type is derived from it, so the OpenAPI document describes exactly what the API returns.
import { ATTACHMENT_MEDIA_TYPES, ATTACHMENT_REF, type AttachmentMediaType } from './attachments';
import { PROVIDER_TYPES } from './answer';
import { APPROVAL_STEPS, DECIDED_VIA } from './approval-chain';
import { actorSchema, addressesSchema, cuDefinitionSchema, DECISIONS, municipalContactsSchema, reminderPlanSchema } from './cu';
import { CU_PHASES } from './cu-process';
import { MUNICIPALITY_STATUSES } from './municipality-process';
import { EVENT_KINDS } from './record';
import { questionnaireSchema } from './questionnaire';
import { enumOf, z } from './zod';

/** A point in time as the record gives it (ISO 8601), and a day (yyyy-mm-dd). */
export const timestamp = z.string();
export const day = z.string();

export const cuPhaseSchema = enumOf(CU_PHASES);
export const municipalityStatusSchema = enumOf(MUNICIPALITY_STATUSES);
export const approvalStepSchema = enumOf(APPROVAL_STEPS);
export const eventKindSchema = z.union([enumOf(EVENT_KINDS), z.templateLiteral(['phase:', cuPhaseSchema])]);
const actor = actorSchema;

export const auditEventSchema = z.object({
  at: timestamp,
  kind: eventKindSchema,
  by: actor,
  cuId: z.string().optional(),
  municipalityCode: z.string().optional(),
  note: z.string().optional(),
});
export type AuditEvent = z.output<typeof auditEventSchema>;

export const sentReminderSchema = z.object({
  key: z.string(),
  kind: z.enum(['before', 'overdue', 'escalation', 'periodic']),
  at: timestamp,
});
export type SentReminder = z.output<typeof sentReminderSchema>;

export const mailFailureSchema = z.object({ at: timestamp, template: z.string(), to: z.array(z.string()), reason: z.string() });
export type MailFailure = z.output<typeof mailFailureSchema>;

const serviceRowSchema = z.object({
  offer: z.string(),
  provider: enumOf(PROVIDER_TYPES),
  providerName: z.string().optional(),
  legalBasis: z.string(),
  places: z.number(),
});
const cellSchema = z.union([z.number(), z.string(), z.boolean()]);
/** A file an answer names: its SHA-256 (GET …/attachments/<ref>), name, size in bytes and type. */
export const attachmentRefSchema = z.object({
  ref: z.string().regex(ATTACHMENT_REF),
  name: z.string(),
  size: z.number().int(),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES as [AttachmentMediaType, ...AttachmentMediaType[]]),
});
/** An answer: per question a number, a text (a date, an option's id), yes/no, chosen options, or rows (a table's, the offers'). */
export const answerValuesSchema = z.record(
  z.string(),
  z.union([
    z.number(),
    z.string(),
    z.boolean(),
    z.array(z.string()),
    z.array(z.record(z.string(), cellSchema)),
    z.array(serviceRowSchema),
    attachmentRefSchema,
  ]),
);

export const municipalityRecordSchema = z.object({
  cuId: z.string(),
  code: z.string(),
  name: z.string(),
  status: municipalityStatusSchema,
  deadline: day,
  hardStopAt: timestamp,
  closed: z.boolean(),
  draftSavedAt: timestamp.optional(),
  /** The latest submitted version (values left out where the reader may not see them). */
  answer: z.object({ values: answerValuesSchema, submittedAt: timestamp, by: actor, version: z.number() }).optional(),
  revision: z.object({ comment: z.string(), requestedAt: timestamp, by: actor }).optional(),
  excuse: z.object({ reason: z.string(), at: timestamp, by: actor }).optional(),
  reminders: z.array(sentReminderSchema),
  mailFailures: z.array(mailFailureSchema),
});
export type MunicipalityRecord = z.output<typeof municipalityRecordSchema>;

/** A respondent's answer in the previous round of the same template (last period). */
export const previousAnswerSchema = z.object({
  cuId: z.string(),
  cuTitle: z.string(),
  submittedAt: timestamp,
  questionnaire: questionnaireSchema,
  values: answerValuesSchema,
});
export type PreviousAnswer = z.output<typeof previousAnswerSchema>;

/** What changed in a respondent's answer (or draft) against last period's. */
export const answerChangesSchema = z.object({
  previous: previousAnswerSchema.omit({ questionnaire: true, values: true }).optional(),
  /** What is compared with last period: the submitted answer, or else the draft. */
  compared: z.enum(['answer', 'draft', 'nothing']),
  changes: z.array(
    z.object({
      questionId: z.string(),
      label: z.string(),
      row: z.string().optional(),
      column: z.string().optional(),
      change: z.enum(['changed', 'added', 'removed']),
      before: z.string(),
      after: z.string(),
    }),
  ),
});
export type AnswerChanges = z.output<typeof answerChangesSchema>;

/** A municipality's own page: its record, the questionnaire its round asked, and its draft. */
export const municipalityViewSchema = municipalityRecordSchema.extend({
  cuTitle: z.string(),
  phase: cuPhaseSchema,
  questionnaire: questionnaireSchema,
  draft: z.object({ values: answerValuesSchema, savedAt: timestamp, by: actor }).optional(),
  /** Its answer in the previous round of the same template, to read and copy in. */
  previous: previousAnswerSchema.optional(),
  events: z.array(auditEventSchema),
});
export type MunicipalityView = z.output<typeof municipalityViewSchema>;

export const councilRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  deadline: day,
  status: z.enum([...DECISIONS, 'pending', 'no_decision']),
  date: day.optional(),
  remarks: z.string().optional(),
  by: actor.optional(),
  recordedAt: timestamp.optional(),
  reminders: z.array(sentReminderSchema),
});
export type CouncilRecord = z.output<typeof councilRecordSchema>;

/** A decision of a step of the approval chain, in the step's own words (domain/approval-chain.ts). */
export const stepDecisionRecordSchema = z.object({
  step: approvalStepSchema,
  decision: z.string(),
  /** The day it was taken, for the steps that record one. */
  date: day.optional(),
  remarks: z.string(),
  via: enumOf(DECIDED_VIA),
  by: actor,
  recordedAt: timestamp,
  /** The report edition it was taken on. */
  reportEdition: z.number().optional(),
});
export type StepDecisionRecord = z.output<typeof stepDecisionRecordSchema>;

export const roundSettingsSchema = z.object({
  reminders: reminderPlanSchema,
  hardStopDaysAfterDeadline: z.number(),
  councilReminders: reminderPlanSchema,
  councilHardStopDaysAfterDeadline: z.number(),
  /** Days between a step's reminders; absent, each step's own. */
  approvalReminderEveryDays: z.number().optional(),
  approvalChain: z.array(approvalStepSchema),
});
export type RoundSettings = z.output<typeof roundSettingsSchema>;

export const roundRecordSchema = z.object({
  launchedAt: timestamp,
  by: actor,
  cuVersion: z.number(),
  deadline: day,
  settings: roundSettingsSchema,
  addresses: addressesSchema,
  baseUrl: z.string(),
  municipalities: z.array(z.string()),
  contacts: z.record(z.string(), municipalContactsSchema),
});
export type RoundRecord = z.output<typeof roundRecordSchema>;

export const renewalRecordSchema = z.object({
  cuId: z.string(),
  submittedAt: timestamp.optional(),
  requestedBy: actor,
  requestedAt: timestamp,
  reason: z.string(),
  /** Every earlier round in the chain, oldest first. */
  history: z.array(z.object({ cuId: z.string(), submittedAt: timestamp.optional() })),
});
export type RenewalRecord = z.output<typeof renewalRecordSchema>;

const reportMunicipality = z.object({ code: z.string(), name: z.string(), status: municipalityStatusSchema });
/** The regional report's data (afrapportering), aggregated from the municipalities' latest answers. */
export const reportDataSchema = z.object({
  generatedAt: timestamp,
  municipalities: z.array(reportMunicipality.extend({ submittedAt: timestamp.optional() })),
  numbers: z.array(
    z.object({
      questionId: z.string(),
      label: z.string(),
      unit: z.string().optional(),
      total: z.number(),
      perMunicipality: z.record(z.string(), z.number()),
    }),
  ),
  services: z.array(serviceRowSchema.omit({ providerName: true }).extend({ municipalities: z.array(z.string()) })),
  providerTotals: z.record(enumOf(PROVIDER_TYPES), z.object({ offers: z.number(), places: z.number() })),
  texts: z.array(
    z.object({
      themeId: z.string(),
      questionId: z.string(),
      label: z.string(),
      entries: z.array(z.object({ code: z.string(), name: z.string(), text: z.string() })),
    }),
  ),
  /** Per choice question: how many respondents chose each option (by id), and how many answered. */
  choices: z.array(z.object({ questionId: z.string(), counts: z.record(z.string(), z.number()), respondents: z.number() })),
  yesno: z.array(z.object({ questionId: z.string(), yes: z.number(), no: z.number() })),
  dates: z.array(z.object({ questionId: z.string(), entries: z.array(z.object({ code: z.string(), name: z.string(), date: day })) })),
  files: z.array(
    z.object({ questionId: z.string(), entries: z.array(z.object({ code: z.string(), name: z.string(), file: attachmentRefSchema })) }),
  ),
  /** Per table: every respondent's rows, in one list (a given row by its id), computed columns worked out. */
  tables: z.array(
    z.object({
      questionId: z.string(),
      rows: z.array(z.object({ code: z.string(), name: z.string(), row: z.string().optional(), cells: z.record(z.string(), cellSchema) })),
    }),
  ),
  notAnswered: z.array(reportMunicipality),
  summaries: z.record(z.string(), z.string()),
  edited: z.object({ at: timestamp, by: actor }).optional(),
});
export type ReportData = z.output<typeof reportDataSchema>;

export const cuRecordSchema = z.object({
  cu: cuDefinitionSchema,
  version: z.number(),
  phase: cuPhaseSchema,
  createdAt: timestamp,
  createdBy: actor,
  renewalOf: renewalRecordSchema.optional(),
  /** The renewed treatments that followed this CU. */
  renewedBy: z.array(z.string()),
  round: roundRecordSchema.optional(),
  municipalities: z.record(z.string(), municipalityRecordSchema),
  report: reportDataSchema.extend({ edition: z.number() }).optional(),
  /** The round's approval chain in order (empty before launch). */
  chain: z.array(approvalStepSchema),
  /** Every step's decisions, oldest first. */
  stepDecisions: z.array(stepDecisionRecordSchema),
  councils: z.record(z.string(), councilRecordSchema),
  submission: z.object({ at: timestamp, messageId: z.string(), to: z.string(), by: actor, reportEdition: z.number() }).optional(),
  submissionRequested: z.object({ at: timestamp, by: actor }).optional(),
  events: z.array(auditEventSchema),
  mailFailures: z.array(mailFailureSchema),
});
export type CuRecord = z.output<typeof cuRecordSchema>;

/** What an Update on a CU answers: the phase after it, and the event it recorded. */
export const cuAckSchema = z.object({ cuId: z.string(), phase: cuPhaseSchema, event: z.object({ kind: eventKindSchema, at: timestamp }) });
export type CuAck = z.output<typeof cuAckSchema>;

/** What an Update on a municipality answers. */
export const municipalityAckSchema = z.object({
  cuId: z.string(),
  code: z.string(),
  status: municipalityStatusSchema,
  deadline: day,
  answerVersion: z.number(),
  event: z.object({ kind: eventKindSchema, at: timestamp }),
});
export type MunicipalityAck = z.output<typeof municipalityAckSchema>;

/** An e-mail waiting in the outbox (no SMTP server set): who it is for, and what. */
export const outboxEntrySchema = z.object({
  id: z.number(),
  template: z.string(),
  recipients: z.array(z.string()),
  subject: z.string(),
  createdAt: timestamp,
});
export type OutboxEntry = z.output<typeof outboxEntrySchema>;
