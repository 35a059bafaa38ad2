// The messages of a municipality's reporting (cu:<id>:municipality:<code>), and the signals between
// it and its CU. Free of zod: every cached municipality workflow shares this module (worker/bundle.ts).
// A CU's own commands are declared with their schemas in central-notice/messages.ts.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../domain/actors';
import type { excuseBody, extendDeadlineBody, MunicipalityAck, requestRevisionBody } from '../domain/commands';
import {
  readAnswerCommand,
  readExcuse,
  readExtendDeadline,
  readRequestRevision,
  type AnswerCommand,
  type ExcuseCommand,
  type ExtendDeadlineCommand,
  type RequestRevisionCommand,
} from '../domain/municipality-commands';
import type { MunicipalityRow } from '../domain/municipality-process';
import type { Checked } from '../domain/check';
import type { IsoDate } from '../domain/time';
import type { z } from '../domain/zod';
import type { CommandMessage } from './commands';
import { valid } from './failures';

/** What a caller gives: the API's body, and who gives it. */
type Given<S extends z.ZodType> = z.input<S> & { by: Actor };

/** A municipality's command: its Update, and its reader. */
function municipalityCommand<A, C>(name: string, read: (input: unknown) => Checked<C>): CommandMessage<MunicipalityAck, A, C> {
  return { update: defineUpdate<MunicipalityAck, [A]>(name), parse: (input) => valid(read(input)) };
}

export const municipalityProcess = defineQuery<MunicipalityRow>('municipalityProcess');
export const saveDraft = municipalityCommand<AnswerCommand, AnswerCommand>('saveDraft', readAnswerCommand);
export const submitAnswer = municipalityCommand<AnswerCommand, AnswerCommand>('submitAnswer', readAnswerCommand);
export const extendDeadline = municipalityCommand<Given<typeof extendDeadlineBody>, ExtendDeadlineCommand>(
  'extendDeadline',
  readExtendDeadline,
);
export const requestRevision = municipalityCommand<Given<typeof requestRevisionBody>, RequestRevisionCommand>(
  'requestRevision',
  readRequestRevision,
);
export const excuseMunicipality = municipalityCommand<Given<typeof excuseBody>, ExcuseCommand>('excuseMunicipality', readExcuse);

/** Sent by the municipality's workflow whose write settled the last municipality of the round. */
export const roundSettled = defineSignal('roundSettled');
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

/** Sent to a webhook subscription's workflow when the secretariat resumes, deletes or sends a delivery again: it looks again. */
export const webhookChanged = defineSignal('webhookChanged');
