// Every workflow message, declared once and imported by the workflows, the client and the tests.
// Their argument types are the inputs of the schemas that validate them.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  answerCommandSchema,
  byOnlySchema,
  changeRoundContactsSchema,
  councilDecisionSchema,
  editCuSchema,
  editReportSchema,
  excuseSchema,
  extendCouncilDeadlineSchema,
  extendDeadlineSchema,
  extendRoundSchema,
  forumDecisionSchema,
  kkrDecisionSchema,
  moveNationalDeadlineSchema,
  reopenMunicipalitySchema,
  requestRevisionSchema,
  resendSchema,
  withdrawSchema,
  stepDecisionSchema,
} from '../domain/commands';
import type { Actor } from '../domain/actors';
import type { launchRoundSchema } from '../domain/cu';
import type { CuPhase } from '../domain/cu-process';
import type { MunicipalityRow, MunicipalityStatus } from '../domain/municipality-process';
import type { EventKind } from '../domain/record';
import type { IsoDate } from '../domain/time';
import type { z } from '../domain/zod';

type In<S extends z.ZodType> = z.input<S>;

/** What an Update on a CU answers: the phase after it, and the event it recorded. */
export interface CuAck {
  cuId: string;
  phase: CuPhase;
  event: { kind: EventKind; at: string };
}

/** What an Update on a municipality answers. */
export interface MunicipalityAck {
  cuId: string;
  code: string;
  status: MunicipalityStatus;
  deadline: IsoDate;
  answerVersion: number;
  event: { kind: EventKind; at: string };
}

/** What the workflows keep, for operators (the record holds everything else). */
export interface CuProcess {
  phase: CuPhase;
  roundSettled: boolean;
  councils: { id: string; status: string; deadline: IsoDate }[];
}

// The central notice (cu:<id>)
export const cuProcess = defineQuery<CuProcess>('cuProcess');
/** Answers once the registration is in the record. */
export const registration = defineUpdate<CuAck>('registration');
export const editCu = defineUpdate<CuAck, [In<typeof editCuSchema>]>('editCu');
export const launchRound = defineUpdate<CuAck, [In<typeof launchRoundSchema>]>('launchRound');
export const changeRoundContacts = defineUpdate<CuAck, [In<typeof changeRoundContactsSchema>]>('changeRoundContacts');
export const reopenMunicipality = defineUpdate<CuAck, [In<typeof reopenMunicipalitySchema>]>('reopenMunicipality');
export const resendToMunicipality = defineUpdate<CuAck, [In<typeof resendSchema>]>('resendToMunicipality');
export const withdrawCu = defineUpdate<CuAck, [In<typeof withdrawSchema>]>('withdrawCu');
export const extendRound = defineUpdate<CuAck, [In<typeof extendRoundSchema>]>('extendRound');
export const moveNationalDeadline = defineUpdate<CuAck, [In<typeof moveNationalDeadlineSchema>]>('moveNationalDeadline');
export const closeReporting = defineUpdate<CuAck, [In<typeof byOnlySchema>]>('closeReporting');
export const editReport = defineUpdate<CuAck, [In<typeof editReportSchema>]>('editReport');
export const sendToForum = defineUpdate<CuAck, [In<typeof byOnlySchema>]>('sendToForum');
/** FU's or K22's decision (the forum and KKR have their own commands). */
export const recordStepDecision = defineUpdate<CuAck, [In<typeof stepDecisionSchema>]>('recordStepDecision');
export const recordForumDecision = defineUpdate<CuAck, [In<typeof forumDecisionSchema>]>('recordForumDecision');
export const recordKkrDecision = defineUpdate<CuAck, [In<typeof kkrDecisionSchema>]>('recordKkrDecision');
export const recordCouncilDecision = defineUpdate<CuAck, [In<typeof councilDecisionSchema>]>('recordCouncilDecision');
export const extendCouncilDeadline = defineUpdate<CuAck, [In<typeof extendCouncilDeadlineSchema>]>('extendCouncilDeadline');
export const submitReport = defineUpdate<CuAck, [In<typeof byOnlySchema>]>('submitReport');
/** Sent by the municipality's workflow whose write settled the last municipality of the round. */
export const roundSettled = defineSignal('roundSettled');

// One municipality's reporting (cu:<id>:municipality:<code>)
export const municipalityProcess = defineQuery<MunicipalityRow>('municipalityProcess');
export const saveDraft = defineUpdate<MunicipalityAck, [In<typeof answerCommandSchema>]>('saveDraft');
export const submitAnswer = defineUpdate<MunicipalityAck, [In<typeof answerCommandSchema>]>('submitAnswer');
export const extendDeadline = defineUpdate<MunicipalityAck, [In<typeof extendDeadlineSchema>]>('extendDeadline');
export const requestRevision = defineUpdate<MunicipalityAck, [In<typeof requestRevisionSchema>]>('requestRevision');
export const excuseMunicipality = defineUpdate<MunicipalityAck, [In<typeof excuseSchema>]>('excuseMunicipality');
/** Sent by the CU when the whole round is extended: a municipality that still owes an answer moves its deadline. */
export const roundExtended = defineSignal<[{ deadline: IsoDate; reason: string; by: Actor }]>('roundExtended');
/** Sent by the CU when the secretariat replaced contacts mid-round: the new addresses are invited. */
export const contactsChanged = defineSignal<[{ addresses: string[] }]>('contactsChanged');
/** Sent by the CU when the secretariat resends the invitation or a reminder by hand; `n` keys the message. */
export const resendMail = defineSignal<[{ what: 'invitation' | 'reminder'; n: number }]>('resendMail');
/** Sent by the CU when its round is cancelled: the municipality is told and its part ends. */
export const roundCancelled = defineSignal<[{ reason: string }]>('roundCancelled');
/** Sent by the CU when reporting closes: the municipality's workflow records its last state and ends. */
export const closeRound = defineSignal('closeRound');
