// Every workflow message, declared once and imported by the workflows, the API and the tests.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { LaunchRoundInput } from '../domain/cu';
import type { z } from '../domain/zod';
import type { cuDefinitionSchema } from '../domain/cu';

type CuDefinitionInput = z.input<typeof cuDefinitionSchema>;
import type { AnswerValues } from '../domain/answer';
import type { CuAck, CuState, MunicipalityState, MunicipalityView } from '../domain/state';
import type { Actor } from '../domain/cu';
import type { IsoDate } from '../domain/time';
import type { DirectoryState, Revocation, RevokeLinks, SetContacts } from '../domain/directory';

type SetContactsInput = Omit<SetContacts, 'municipalityCode'> & { municipalityCode: string };
type RevokeLinksInput = Partial<Omit<RevokeLinks, 'by'>> & Pick<RevokeLinks, 'by'>;

type By = { by: Actor };

// The central notice (cu:<id>)
export const cuStatus = defineQuery<CuState>('cuStatus');
export const editCu = defineUpdate<CuAck, [{ cu: CuDefinitionInput } & By]>('editCu');
export const launchRound = defineUpdate<CuAck, [LaunchRoundInput]>('launchRound');
export const closeReporting = defineUpdate<CuAck, [By]>('closeReporting');
export const editReport = defineUpdate<CuAck, [{ summaries: Record<string, string> } & By]>('editReport');
export const sendToForum = defineUpdate<CuAck, [By]>('sendToForum');
export const recordForumDecision = defineUpdate<CuAck, [{ decision: 'approved' | 'returned'; comment?: string } & By]>('recordForumDecision');
export const recordKkrDecision = defineUpdate<CuAck,
  [{ decision: string; date: IsoDate; remarks?: string; councilDeadline?: IsoDate } & By]
>('recordKkrDecision');
export const recordCouncilDecision = defineUpdate<CuAck, [{ council: string; decision: string; date: IsoDate; remarks?: string } & By]>(
  'recordCouncilDecision',
);
export const extendCouncilDeadline = defineUpdate<CuAck, [{ council: string; deadline: IsoDate } & By]>('extendCouncilDeadline');
export const submitReport = defineUpdate<CuAck, [By]>('submitReport');
/** Sent by each municipality workflow to its CU whenever its state changes. */
export const municipalityChanged = defineSignal<[MunicipalityState]>('municipalityChanged');

// One municipality's reporting (cu:<id>:municipality:<code>)
export const municipalityStatus = defineQuery<MunicipalityView>('municipalityStatus');
export const saveDraft = defineUpdate<MunicipalityState, [{ municipalityCode: string; values: AnswerValues | Record<string, unknown> } & By]>('saveDraft');
export const submitAnswer = defineUpdate<MunicipalityState, [{ municipalityCode: string; values: AnswerValues | Record<string, unknown> } & By]>(
  'submitAnswer',
);
export const extendDeadline = defineUpdate<MunicipalityState, [{ deadline: IsoDate; reason?: string } & By]>('extendDeadline');
export const requestRevision = defineUpdate<MunicipalityState, [{ comment: string; deadline?: IsoDate } & By]>('requestRevision');
export const excuseMunicipality = defineUpdate<MunicipalityState, [{ reason: string } & By]>('excuseMunicipality');
/** Sent by the CU when reporting closes: the municipality workflow finishes with its final state. */
export const closeRound = defineSignal('closeRound');

// The contact register (udmeld:directory)
export const directory = defineQuery<DirectoryState>('directory');
export const setContacts = defineUpdate<DirectoryState['contacts'][string], [SetContactsInput]>('setContacts');
export const revokeLinks = defineUpdate<Revocation, [RevokeLinksInput]>('revokeLinks');
