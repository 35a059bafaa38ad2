// Inputs of every action on a CU. A body is what the API and the pages take; its command adds who
// gives it and is what the workflows' Update validators check: the same schemas everywhere.
import { isoDateSchema, municipalityCodeSchema, prose, z } from './zod';
import { GENERIC_STEPS } from './approval-chain';
import { municipality } from './municipalities';
import { actorSchema, cuDefinitionSchema, DECISIONS, municipalContactsSchema } from './cu';

const comment = prose(z.string().trim().min(1, 'Skriv en kommentar').max(5000));
const remarks = prose(z.string().trim().max(5000)).default('');
const by = { by: actorSchema };

export const answerBody = z.strictObject({ values: z.record(z.string(), z.unknown()) });
export const answerCommandSchema = answerBody.extend({ municipalityCode: municipalityCodeSchema, ...by });
export type AnswerCommand = z.output<typeof answerCommandSchema>;

export const extendDeadlineBody = z.strictObject({ deadline: isoDateSchema, reason: prose(z.string().trim().max(2000)).default('') });
export const extendDeadlineSchema = extendDeadlineBody.extend(by);
export const requestRevisionBody = z.strictObject({ comment, deadline: isoDateSchema.optional() });
export const requestRevisionSchema = requestRevisionBody.extend(by);
export const excuseBody = z.strictObject({ reason: comment });
export const excuseSchema = excuseBody.extend(by);
export const byOnlySchema = z.strictObject(by);

export const editReportBody = z.strictObject({
  summaries: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/), prose(z.string().trim().max(20_000))),
});
export const editReportSchema = editReportBody.extend(by);

// Refined schemas are written twice (a refinement does not carry over to an extended schema).
/** At a meeting, or by e-mail between meetings (skriftlig behandling). */
const via = z.enum(['meeting', 'email']).default('meeting');
const forumDecisionFields = { decision: z.enum(['approved', 'returned']), comment: remarks, via };
const commentWhenReturned = (d: { decision: string; comment: string }) => d.decision === 'approved' || d.comment.length > 0;
const commentWhenReturnedIssue = { path: ['comment'], message: 'Skriv hvorfor rapporten sendes retur' };
export const forumDecisionBody = z.strictObject(forumDecisionFields).refine(commentWhenReturned, commentWhenReturnedIssue);
export const forumDecisionSchema = z.strictObject({ ...forumDecisionFields, ...by }).refine(commentWhenReturned, commentWhenReturnedIssue);

const kkrDecisionFields = {
  via,
  decision: z.enum(DECISIONS),
  date: isoDateSchema,
  remarks,
  councilDeadline: isoDateSchema.optional(),
};
const deadlineUnlessRejected = (d: { decision: string; councilDeadline?: string }) =>
  d.decision === 'rejected' || d.councilDeadline !== undefined;
const deadlineUnlessRejectedIssue = { path: ['councilDeadline'], message: 'Angiv fristen for den politiske behandling' };
export const kkrDecisionBody = z.strictObject(kkrDecisionFields).refine(deadlineUnlessRejected, deadlineUnlessRejectedIssue);
export const kkrDecisionSchema = z
  .strictObject({ ...kkrDecisionFields, ...by })
  .refine(deadlineUnlessRejected, deadlineUnlessRejectedIssue);

// A decision of a step of the approval chain without a command of its own (FU, K22).
const stepDecisionFields = {
  decision: z.enum(['approved', 'returned']),
  date: isoDateSchema,
  remarks,
  via,
  councilDeadline: isoDateSchema.optional(),
};
const remarksWhenReturned = (d: { decision: string; remarks: string }) => d.decision === 'approved' || d.remarks.length > 0;
const remarksWhenReturnedIssue = { path: ['remarks'], message: 'Skriv hvorfor rapporten sendes retur' };
export const stepDecisionBody = z.strictObject(stepDecisionFields).refine(remarksWhenReturned, remarksWhenReturnedIssue);
export const stepDecisionSchema = z
  .strictObject({ ...stepDecisionFields, step: z.enum(GENERIC_STEPS), ...by })
  .refine(remarksWhenReturned, remarksWhenReturnedIssue);

export const editCuSchema = z.strictObject({ cu: cuDefinitionSchema, ...by });

export const REGION_COUNCIL = 'region';

/** A council by its id, as pages and e-mails name it: a municipality's council, or the region's. */
export function councilName(id: string, regionName: string): string {
  return id === REGION_COUNCIL ? `Regionsrådet, ${regionName}` : `${municipality(id).name} Kommunes kommunalbestyrelse`;
}
export const councilIdSchema = z.union([z.literal(REGION_COUNCIL), municipalityCodeSchema]);

export const councilDecisionBody = z.strictObject({ decision: z.enum(DECISIONS), date: isoDateSchema, remarks });
export const councilDecisionSchema = councilDecisionBody.extend({ council: councilIdSchema, ...by });

export const extendCouncilDeadlineBody = z.strictObject({ deadline: isoDateSchema });
export const extendCouncilDeadlineSchema = extendCouncilDeadlineBody.extend({ council: councilIdSchema, ...by });

const reason = prose(z.string().trim().min(1, 'Skriv en begrundelse').max(2000));
/** Every municipality that still owes an answer gets the new deadline (and their timers move). */
export const extendRoundBody = z.strictObject({ deadline: isoDateSchema, reason });
export const extendRoundSchema = extendRoundBody.extend(by);
export const moveNationalDeadlineBody = z.strictObject({ nationalDeadline: isoDateSchema, reason });
export const moveNationalDeadlineSchema = moveNationalDeadlineBody.extend(by);

/** A municipality's contacts replaced mid-round; `added` get the invitation, `removed` lose their links here. */
const addresses = z.array(z.email().max(254).toLowerCase()).max(10);
export const changeRoundContactsSchema = z.strictObject({
  municipalityCode: municipalityCodeSchema,
  contacts: municipalContactsSchema,
  added: addresses,
  removed: addresses,
  ...by,
});

/** A municipality opened again after the round closed, for a late answer or a correction, before approval. */
export const reopenMunicipalityBody = z.strictObject({ deadline: isoDateSchema, reason });
export const reopenMunicipalitySchema = reopenMunicipalityBody.extend({
  municipalityCode: municipalityCodeSchema,
  /** Where it stands in the record: a late answer starts "invited", a correction "revision requested". */
  status: z.enum(['invited', 'revision_requested']),
  answerVersion: z.number().int().min(0).max(1000),
  ...by,
});

/** An invitation or a reminder sent again by hand (a contact lost it, or it went to spam). */
export const RESENDABLE = { invitation: 'Invitationen', reminder: 'En påmindelse' } as const;
export const resendBody = z.strictObject({ what: z.enum(['invitation', 'reminder']) });
export const resendSchema = resendBody.extend({ municipalityCode: municipalityCodeSchema, ...by });

/** A CU registered by mistake withdrawn, or its running round cancelled: the municipalities are told, the links stop. */
export const withdrawBody = z.strictObject({ reason });
export const withdrawSchema = withdrawBody.extend(by);

export type ExtendDeadline = z.output<typeof extendDeadlineSchema>;
export type RequestRevision = z.output<typeof requestRevisionSchema>;
export type Excuse = z.output<typeof excuseSchema>;
export type ByOnly = z.output<typeof byOnlySchema>;
export type EditReport = z.output<typeof editReportSchema>;
export type ForumDecision = z.output<typeof forumDecisionSchema>;
export type KkrDecision = z.output<typeof kkrDecisionSchema>;
export type CouncilDecision = z.output<typeof councilDecisionSchema>;
export type ExtendCouncilDeadline = z.output<typeof extendCouncilDeadlineSchema>;
export type ExtendRound = z.output<typeof extendRoundSchema>;
export type ReopenMunicipality = z.output<typeof reopenMunicipalitySchema>;
export type MoveNationalDeadline = z.output<typeof moveNationalDeadlineSchema>;
export type StepDecisionCommand = z.output<typeof stepDecisionSchema>;
