// Every workflow message, declared once and imported by the workflows, the API and the tests.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { LaunchRoundInput } from '../domain/cu';
import type { AnswerValues } from '../domain/answer';
import type { CuState, MunicipalityState, MunicipalityView } from '../domain/state';
import type { Actor } from '../domain/cu';
import type { IsoDate } from '../domain/time';

type By = { by: Actor };

// The central notice (cu:<id>)
export const cuStatus = defineQuery<CuState>('cuStatus');
export const launchRound = defineUpdate<CuState, [LaunchRoundInput]>('launchRound');
export const closeReporting = defineUpdate<CuState, [By]>('closeReporting');
export const editReport = defineUpdate<CuState, [{ summaries: Record<string, string> } & By]>('editReport');
export const sendToForum = defineUpdate<CuState, [By]>('sendToForum');
export const recordForumDecision = defineUpdate<CuState, [{ decision: 'approved' | 'returned'; comment?: string } & By]>('recordForumDecision');
export const recordKkrDecision = defineUpdate<
  CuState,
  [{ decision: string; date: IsoDate; remarks?: string; councilDeadline?: IsoDate } & By]
>('recordKkrDecision');
export const recordCouncilDecision = defineUpdate<CuState, [{ council: string; decision: string; date: IsoDate; remarks?: string } & By]>(
  'recordCouncilDecision',
);
export const extendCouncilDeadline = defineUpdate<CuState, [{ council: string; deadline: IsoDate } & By]>('extendCouncilDeadline');
export const submitReport = defineUpdate<CuState, [By]>('submitReport');
/** Sent by each municipality workflow to its CU whenever its state changes. */
export const municipalityChanged = defineSignal<[MunicipalityState]>('municipalityChanged');

// One municipality's reporting (cu:<id>:municipality:<code>)
export const municipalityStatus = defineQuery<MunicipalityView>('municipalityStatus');
export const saveDraft = defineUpdate<MunicipalityView, [{ municipalityCode: string; values: AnswerValues | Record<string, unknown> } & By]>('saveDraft');
export const submitAnswer = defineUpdate<MunicipalityView, [{ municipalityCode: string; values: AnswerValues | Record<string, unknown> } & By]>(
  'submitAnswer',
);
export const extendDeadline = defineUpdate<MunicipalityView, [{ deadline: IsoDate; reason?: string } & By]>('extendDeadline');
export const requestRevision = defineUpdate<MunicipalityView, [{ comment: string; deadline?: IsoDate } & By]>('requestRevision');
export const excuseMunicipality = defineUpdate<MunicipalityView, [{ reason: string } & By]>('excuseMunicipality');
/** Sent by the CU when reporting closes: the municipality workflow finishes with its final state. */
export const closeRound = defineSignal('closeRound');
