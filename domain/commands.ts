// Inputs of every action on a CU, validated the same way in the API and in the workflows' Update validators.
import { z } from './zod';
import { actorSchema, cuDefinitionSchema, DECISIONS } from './cu';
import { isoDateSchema } from './time';
import { municipalityCodeSchema } from './municipalities';

const comment = z.string().trim().min(1, 'Skriv en kommentar').max(5000);

export const answerCommandSchema = z.strictObject({
  municipalityCode: municipalityCodeSchema,
  values: z.record(z.string(), z.unknown()),
  by: actorSchema,
});
export type AnswerCommand = z.output<typeof answerCommandSchema>;

export const extendDeadlineSchema = z.strictObject({ deadline: isoDateSchema, reason: z.string().trim().max(2000).default(''), by: actorSchema });
export const requestRevisionSchema = z.strictObject({ comment, deadline: isoDateSchema.optional(), by: actorSchema });
export const excuseSchema = z.strictObject({ reason: comment, by: actorSchema });
export const byOnlySchema = z.strictObject({ by: actorSchema });

export const editReportSchema = z.strictObject({
  summaries: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/), z.string().trim().max(20_000)),
  by: actorSchema,
});

// Refined schemas come in two: the API's body (without `by`) and the workflow's command (with it).
const forumDecisionFields = { decision: z.enum(['approved', 'returned']), comment: z.string().trim().max(5000).default('') };
const commentWhenReturned = (d: { decision: string; comment: string }) => d.decision === 'approved' || d.comment.length > 0;
const commentWhenReturnedIssue = { path: ['comment'], message: 'Skriv hvorfor rapporten sendes retur' };
export const forumDecisionBody = z.strictObject(forumDecisionFields).refine(commentWhenReturned, commentWhenReturnedIssue);
export const forumDecisionSchema = z.strictObject({ ...forumDecisionFields, by: actorSchema }).refine(commentWhenReturned, commentWhenReturnedIssue);

const kkrDecisionFields = {
  decision: z.enum(DECISIONS),
  date: isoDateSchema,
  remarks: z.string().trim().max(5000).default(''),
  councilDeadline: isoDateSchema.optional(),
};
const deadlineUnlessRejected = (d: { decision: string; councilDeadline?: string }) => d.decision === 'rejected' || d.councilDeadline !== undefined;
const deadlineUnlessRejectedIssue = { path: ['councilDeadline'], message: 'Angiv fristen for den politiske behandling' };
export const kkrDecisionBody = z.strictObject(kkrDecisionFields).refine(deadlineUnlessRejected, deadlineUnlessRejectedIssue);
export const kkrDecisionSchema = z.strictObject({ ...kkrDecisionFields, by: actorSchema }).refine(deadlineUnlessRejected, deadlineUnlessRejectedIssue);

export const editCuSchema = z.strictObject({ cu: cuDefinitionSchema, by: actorSchema });

export const REGION_COUNCIL = 'region';
export const councilIdSchema = z.union([z.literal(REGION_COUNCIL), municipalityCodeSchema]);

export const councilDecisionSchema = z.strictObject({
  council: councilIdSchema,
  decision: z.enum(DECISIONS),
  date: isoDateSchema,
  remarks: z.string().trim().max(5000).default(''),
  by: actorSchema,
});

export const extendCouncilDeadlineSchema = z.strictObject({ council: councilIdSchema, deadline: isoDateSchema, by: actorSchema });

export type ExtendDeadline = z.output<typeof extendDeadlineSchema>;
export type RequestRevision = z.output<typeof requestRevisionSchema>;
export type Excuse = z.output<typeof excuseSchema>;
export type ByOnly = z.output<typeof byOnlySchema>;
export type EditReport = z.output<typeof editReportSchema>;
export type ForumDecision = z.output<typeof forumDecisionSchema>;
export type KkrDecision = z.output<typeof kkrDecisionSchema>;
export type CouncilDecision = z.output<typeof councilDecisionSchema>;
export type ExtendCouncilDeadline = z.output<typeof extendCouncilDeadlineSchema>;
