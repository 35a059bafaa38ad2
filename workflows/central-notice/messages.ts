// Every command a central notice (cu:<id>) takes, declared once: its Update and the schema of its
// input. The workflow's validator parses with the schema (bad input never enters history), the
// application layer and the API take their bodies from it. Kept apart from workflows/messages.ts,
// which the municipality's workflow shares without zod.
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { APPROVAL_STEP_IDS, DECIDED_VIA, decisionOf, STEP_DECISION_IDS, stepRow, type ApprovalStep } from '../../domain/approval-chain';
import { councilIdSchema, reason, remarks, type CuAck } from '../../domain/commands';
import type { Actor } from '../../domain/actors';
import { actorSchema, cuDefinitionSchema, DECISIONS, launchRoundSchema, municipalContactsSchema } from '../../domain/cu';
import type { CuPhase } from '../../domain/cu-process';
import type { IsoDate } from '../../domain/time';
import { fieldIssues, isoDateSchema, municipalityCodeSchema, prose, z } from '../../domain/zod';
import { invalidInput } from '../failures';
import { chainMeetingsSchema, type ChainMeeting } from '../../domain/meetings';

/** A command on a CU: its Update, and what a caller gives (who gives it is added as `by`). */
export interface CuCommand<S extends z.ZodObject> {
  update: UpdateDefinition<CuAck, [CuCommandInput<S>]>;
  input: S;
  /** The whole argument's schema: the input, who gives it, and the rules between its fields. */
  schema: z.ZodType<z.output<S> & { by: Actor }>;
  /** Parses an Update's argument, throwing a failure that names each bad field. */
  parse(raw: unknown): z.output<S> & { by: Actor };
}
export type CuCommandInput<S extends z.ZodType> = z.input<S> & { by: Actor };
export type CuCommandOf<C> = C extends CuCommand<infer S> ? z.output<S> & { by: Actor } : never;

function cuCommand<S extends z.ZodObject>(
  name: string,
  input: S,
  refine?: (command: z.output<S>, ctx: z.RefinementCtx) => void,
): CuCommand<S> {
  const withBy = input.extend({ by: actorSchema });
  const schema = refine ? withBy.superRefine((command, ctx) => refine(command as z.output<S>, ctx)) : withBy;
  return {
    update: defineUpdate(name),
    input,
    schema: schema as unknown as z.ZodType<z.output<S> & { by: Actor }>,
    parse(raw) {
      const result = schema.safeParse(raw);
      if (!result.success) throw invalidInput(fieldIssues(result.error));
      return result.data as z.output<S> & { by: Actor };
    },
  };
}

const nothing = z.strictObject({});
const via = z.enum(Object.keys(DECIDED_VIA) as ['meeting', 'email']).default('meeting');

/** What the workflow keeps, for operators (the record holds everything else). */
export interface CuProcess {
  phase: CuPhase;
  roundSettled: boolean;
  councils: { id: string; status: string; deadline: IsoDate }[];
}
export const cuProcess = defineQuery<CuProcess>('cuProcess');

/** Answers once the registration is in the record. */
export const registration = defineUpdate<CuAck>('registration');

export const editCu = cuCommand('editCu', z.strictObject({ cu: cuDefinitionSchema }));

export const launchRound = cuCommand('launchRound', launchRoundSchema);

/** Every municipality that still owes an answer gets the new deadline (and their timers move). */
export const extendRound = cuCommand('extendRound', z.strictObject({ deadline: isoDateSchema, reason }));

/** A municipality's contacts replaced mid-round; `added` get the invitation, `removed` lose their links here. */
const addresses = z.array(z.email().max(254).toLowerCase()).max(10);
export const changeRoundContacts = cuCommand(
  'changeRoundContacts',
  z.strictObject({ municipalityCode: municipalityCodeSchema, contacts: municipalContactsSchema, added: addresses, removed: addresses }),
);

/** An invitation or a reminder sent again by hand. */
export const resendToMunicipality = cuCommand(
  'resendToMunicipality',
  z.strictObject({ municipalityCode: municipalityCodeSchema, what: z.enum(['invitation', 'reminder']) }),
);

/** A municipality opened again after the round closed, for a late answer or a correction, before approval. */
export const reopenMunicipality = cuCommand(
  'reopenMunicipality',
  z.strictObject({
    municipalityCode: municipalityCodeSchema,
    deadline: isoDateSchema,
    reason,
    /** Where it stands in the record: a late answer starts "invited", a correction "revision requested". */
    status: z.enum(['invited', 'revision_requested']),
    answerVersion: z.number().int().min(0).max(1000),
  }),
);

/**
 * A respondent's workflow gone from Temporal (deleted, terminated) while its round is open, started
 * again from where the record has it: the agreement check's repair. Nobody is mailed; the record
 * already holds everything up to now.
 */
export const restartRespondent = cuCommand(
  'restartRespondent',
  z.strictObject({
    municipalityCode: municipalityCodeSchema,
    deadline: isoDateSchema,
    status: z.enum(['invited', 'draft', 'revision_requested', 'submitted']),
    answerVersion: z.number().int().min(0).max(1000),
  }),
);

/** A CU registered by mistake withdrawn, or its running round cancelled: the municipalities are told, the links stop. */
export const withdrawCu = cuCommand('withdrawCu', z.strictObject({ reason }));

export const moveNationalDeadline = cuCommand('moveNationalDeadline', z.strictObject({ nationalDeadline: isoDateSchema, reason }));

export const closeReporting = cuCommand('closeReporting', nothing);

export const editReport = cuCommand(
  'editReport',
  z.strictObject({ summaries: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/), prose({ max: 20_000 })) }),
);

/** The draft into the first step of the round's approval chain. */
export const sendForApproval = cuCommand('sendForApproval', nothing);

/** A step's decision (any step of the chain: the words it may use are the step's own), at a meeting or by e-mail. */
export const recordStepDecision = cuCommand(
  'recordStepDecision',
  z.strictObject({
    step: z.enum(APPROVAL_STEP_IDS),
    decision: z.enum(STEP_DECISION_IDS),
    date: isoDateSchema.optional(),
    remarks,
    via,
    /** Set by the last step of the chain: the councils' deadline. */
    councilDeadline: isoDateSchema.optional(),
  }),
  ({ step, decision, date, remarks }, ctx) => stepDecisionRules(step, decision, date, remarks, ctx),
);

function stepDecisionRules(step: ApprovalStep, decision: string, date: IsoDate | undefined, given: string, ctx: z.RefinementCtx) {
  const row = stepRow(step);
  const words = decisionOf(step, decision);
  if (!words) {
    const allowed = Object.values(row.decisions).map((d) => d.label);
    ctx.addIssue({ code: 'custom', path: ['decision'], message: `${row.name} kan beslutte: ${allowed.join(', ')}` });
  }
  if (row.dated && !date) ctx.addIssue({ code: 'custom', path: ['date'], message: 'Angiv datoen for beslutningen' });
  if (words?.outcome === 'back' && !given)
    ctx.addIssue({ code: 'custom', path: ['remarks'], message: 'Skriv hvorfor rapporten sendes retur' });
}

export const recordCouncilDecision = cuCommand(
  'recordCouncilDecision',
  z.strictObject({ council: councilIdSchema, decision: z.enum(DECISIONS), date: isoDateSchema, remarks }),
);

export const extendCouncilDeadline = cuCommand(
  'extendCouncilDeadline',
  z.strictObject({ council: councilIdSchema, deadline: isoDateSchema }),
);

export const submitReport = cuCommand('submitReport', nothing);

/** Sent by the application when the region's meeting calendars change: the steps' upcoming meetings, all of them. */
export const meetingsChanged = defineSignal<[{ meetings: ChainMeeting[] }]>('meetingsChanged');
/** How the workflow reads the signal (a signal has no validator: anything else is ignored). */
export const readMeetingsChanged = (input: unknown): ChainMeeting[] | undefined =>
  z.strictObject({ meetings: chainMeetingsSchema }).safeParse(input).data?.meetings;
