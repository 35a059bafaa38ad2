// The commands a municipality's reporting takes, read without a validation library (they run in
// every cached municipality workflow). The API's zod schemas for the same commands are in
// domain/commands.ts; a property test keeps the two in agreement.
import type { Actor } from './actors';
import { at, Checker, type Checked } from './check';
import type { IsoDate } from './time';

const COMMENT = { min: 1, max: 5000, minMessage: 'Skriv en kommentar', multiline: true };

/**
 * A draft or a submission: the answer itself is checked against the round's questionnaire by the
 * application and stored in the record first (db/queries/answer-uploads.ts); the Update carries its
 * reference, so no answer is ever a workflow payload.
 */
export interface AnswerCommand {
  municipalityCode: string;
  ref: string;
  by: Actor;
}

const ANSWER_REF = /^[0-9a-f]{64}$/;

export function readAnswerCommand(input: unknown): Checked<AnswerCommand> {
  const c = new Checker();
  const o = c.object(input, '', ['municipalityCode', 'ref', 'by']);
  const municipalityCode = o && c.municipalityCode(o.municipalityCode, 'municipalityCode');
  const ref = o && (typeof o.ref === 'string' && ANSWER_REF.test(o.ref) ? o.ref : c.fail('ref', 'Ugyldig henvisning til et svar'));
  const by = o && c.actor(o.by, 'by');
  return c.done<AnswerCommand>({ municipalityCode, ref, by });
}

export interface ExtendDeadlineCommand {
  deadline: IsoDate;
  reason: string;
  by: Actor;
}

export function readExtendDeadline(input: unknown): Checked<ExtendDeadlineCommand> {
  const c = new Checker();
  const o = c.object(input, '', ['deadline', 'reason', 'by']);
  const deadline = o && c.isoDate(o.deadline, 'deadline');
  const reason = o && c.text(o.reason, 'reason', { max: 2000, multiline: true }, '');
  const by = o && c.actor(o.by, at('', 'by'));
  return c.done<ExtendDeadlineCommand>({ deadline, reason, by });
}

export interface RequestRevisionCommand {
  comment: string;
  deadline?: IsoDate;
  by: Actor;
}

export function readRequestRevision(input: unknown): Checked<RequestRevisionCommand> {
  const c = new Checker();
  const o = c.object(input, '', ['comment', 'deadline', 'by']);
  const comment = o && c.text(o.comment, 'comment', COMMENT);
  const deadline = o && o.deadline !== undefined ? c.isoDate(o.deadline, 'deadline') : undefined;
  const by = o && c.actor(o.by, 'by');
  return c.done<RequestRevisionCommand>({ comment, ...(deadline ? { deadline } : {}), by });
}

export interface ExcuseCommand {
  reason: string;
  by: Actor;
}

export function readExcuse(input: unknown): Checked<ExcuseCommand> {
  const c = new Checker();
  const o = c.object(input, '', ['reason', 'by']);
  const reason = o && c.text(o.reason, 'reason', COMMENT);
  const by = o && c.actor(o.by, 'by');
  return c.done<ExcuseCommand>({ reason, by });
}
