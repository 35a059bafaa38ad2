// Bad input is refused by the Update validators with the field and the reason, and leaves the
// workflow exactly as it was: nothing enters the history.
import { beforeAll, describe, expect, test } from 'vitest';
import { appContext } from '../../app/context';
import { UdmeldError } from '../../domain/errors';
import { municipalityWorkflowId } from '../../domain/ids';
import * as msg from '../../workflows/messages';
import { addDays, copenhagenDate } from '../../domain/time';
import { answerFor, AS_DIRECTOR, AS_SECRETARIAT, asContact, contactActor, launchRound, startCu } from '../../fixtures/round';
import type { AnswerCommand } from '../../domain/municipality-commands';
import { eventually } from '../support/waiting';
import { useSystem } from '../support/system';

const CU = `bad-${Date.now().toString(36)}`;
const CODES = ['0461', '0410', '0420'];
const today = copenhagenDate(Date.now());

const { h } = useSystem();

beforeAll(async () => {
  await h.udmeld.registerCu(startCu(CU, { issuedOn: today, nationalDeadline: addDays(today, 200) }), AS_SECRETARIAT);
  await launchRound(h.udmeld, CU, CODES, addDays(today, 30));
});

/** A submission as the municipality's contact makes it: checked against the questionnaire, stored, then the Update. */
const submit = (code: string, values: unknown) =>
  h.udmeld.submitAnswer(CU, code, { values } as { values: Record<string, unknown> }, asContact(CU, code.padStart(4, '0')));
/** Straight to the workflow's Update (as the application sends it, but with any command), to try its validator. */
const direct = (code: string, command: Record<string, unknown>) =>
  appContext(h).municipalityCommand(msg.submitAnswer, CU, code, command as unknown as AnswerCommand);
const workflowOf = (code: string) => h.client.workflow.getHandle(municipalityWorkflowId(CU, code));

async function rejected(action: () => Promise<unknown>): Promise<UdmeldError> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UdmeldError);
  return error as UdmeldError;
}

/** The workflow's history once the worker has finished what it was doing (e-mails, signals). */
async function quietHistoryLength(code: string): Promise<number> {
  const handle = workflowOf(code);
  let last = -1;
  for (;;) {
    const length = (await handle.fetchHistory()).events!.length;
    const description = await handle.describe();
    const pending = description.raw.pendingActivities?.length ?? 0;
    if (length === last && pending === 0) return length;
    last = length;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Runs a bad call and checks that the workflow's state and history did not change. */
async function refusedWithoutTrace(code: string, action: () => Promise<unknown>): Promise<UdmeldError> {
  const handle = workflowOf(code);
  const eventsBefore = await quietHistoryLength(code);
  const before = await h.udmeld.municipality(CU, code, AS_SECRETARIAT);
  const error = await rejected(action);
  expect(await h.udmeld.municipality(CU, code, AS_SECRETARIAT)).toEqual(before);
  expect((await handle.fetchHistory()).events!.length).toBe(eventsBefore);
  return error;
}

describe('the answer validator', () => {
  test('rejects a negative count, naming the field', async () => {
    const error = await refusedWithoutTrace('0461', () => submit('0461', { ...answerFor('0461'), antal: -2 }));
    expect(error.kind).toBe('invalid_input');
    expect(error.issues).toEqual([{ path: 'values.antal', message: 'Antallet kan ikke være negativt' }]);
  });

  test('rejects an incomplete answer', async () => {
    const { koordinering: _, ...incomplete } = answerFor('0461');
    const error = await refusedWithoutTrace('0461', () => submit('0461', incomplete));
    expect(error.issues.map((i) => i.path)).toEqual(['values.koordinering']);
  });

  test('rejects malformed values: wrong types, unknown questions, bad service rows', async () => {
    const error = await refusedWithoutTrace('0461', () =>
      submit('0461', {
        ...answerFor('0461'),
        antal: 'fem',
        hemmeligt: 1,
        tilbud: [{ offer: '', provider: 'kommunen', legalBasis: 'SEL § 107', places: 1.5 }],
      }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'values',
      'values.antal',
      'values.tilbud.0.offer',
      'values.tilbud.0.places',
      'values.tilbud.0.provider',
    ]);
    expect(error.issues.find((i) => i.path === 'values')!.message).toContain('hemmeligt');
  });

  test('rejects an answer that is not an object at all', async () => {
    const error = await refusedWithoutTrace('0461', () => submit('0461', 'alt er fint'));
    expect(error.issues[0]!.path).toBe('values');
  });

  test('the workflow takes an answer only by a reference, and only for its own municipality', async () => {
    const ref = 'a'.repeat(64);
    const other = await refusedWithoutTrace('0461', () => direct('0461', { municipalityCode: '0410', ref, by: contactActor('0410') }));
    expect(other.issues).toEqual([{ path: 'municipalityCode', message: 'Svaret er til kommune 0410, men indberetningen er for 0461' }]);
    const inline = await refusedWithoutTrace('0461', () =>
      direct('0461', { municipalityCode: '0461', values: answerFor('0461'), by: contactActor('0461') }),
    );
    expect(inline.issues.map((i) => i.path)).toEqual(['', 'ref']);
  });

  test('rejects unknown municipalities and municipalities outside the round', async () => {
    expect((await rejected(() => submit('9999', answerFor('0461')))).kind).toBe('invalid_input');
    expect((await rejected(() => submit('0101', answerFor('0101')))).kind).toBe('not_found');
  });

  test('accepts "461" for "0461", and a valid answer once', async () => {
    expect((await submit('461', answerFor('0461'))).status).toBe('submitted');
    const error = await refusedWithoutTrace('0461', () => submit('0461', answerFor('0461')));
    expect(error.kind).toBe('invalid_state');
  });
});

describe('the secretariat validators', () => {
  test('an extension must move the deadline later', async () => {
    const error = await refusedWithoutTrace('0410', () =>
      h.udmeld.extendDeadline(CU, '0410', { deadline: addDays(today, 10) }, AS_SECRETARIAT),
    );
    expect(error.kind).toBe('invalid_state');
  });

  test('a deadline must be a real date', async () => {
    const error = await refusedWithoutTrace('0410', () => h.udmeld.extendDeadline(CU, '0410', { deadline: '2027-02-30' }, AS_SECRETARIAT));
    expect(error.issues).toEqual([{ path: 'deadline', message: 'Datoen findes ikke' }]);
  });

  test('a revision needs a comment and a submitted answer', async () => {
    const noComment = await refusedWithoutTrace('0461', () => h.udmeld.requestRevision(CU, '0461', { comment: ' ' }, AS_SECRETARIAT));
    expect(noComment.issues[0]!.path).toBe('comment');
    const notSubmitted = await refusedWithoutTrace('0410', () =>
      h.udmeld.requestRevision(CU, '0410', { comment: 'Ret tallet' }, AS_SECRETARIAT),
    );
    expect(notSubmitted.kind).toBe('invalid_state');
  });

  test('actions in the wrong phase are refused and change nothing', async () => {
    const before = await h.udmeld.fullCu(CU, AS_SECRETARIAT);
    expect((await rejected(() => h.udmeld.sendForApproval(CU, AS_SECRETARIAT))).kind).toBe('invalid_state');
    expect((await rejected(() => h.udmeld.recordStepDecision(CU, 'forum', { decision: 'approved' }, AS_DIRECTOR))).kind).toBe(
      'invalid_state',
    );
    expect((await rejected(() => launchRound(h.udmeld, CU, CODES, addDays(today, 30)))).kind).toBe('invalid_state');
    expect(await h.udmeld.fullCu(CU, AS_SECRETARIAT)).toEqual(before);
  });
});

describe('after the round is closed', () => {
  test('submissions are refused and the report is unchanged', async () => {
    await h.udmeld.closeReporting(CU, AS_SECRETARIAT);
    const closed = await eventually(
      () => h.udmeld.fullCu(CU, AS_SECRETARIAT),
      (s) => s.phase === 'drafting',
    );
    expect(closed.report!.notAnswered.map((m) => m.code)).toEqual(['0410', '0420']);
    const error = await rejected(() => submit('0410', answerFor('0410')));
    expect(error.kind).toBe('invalid_state');
    expect(await h.udmeld.fullCu(CU, AS_SECRETARIAT)).toEqual(closed);

    const twice = async () => h.udmeld.recordStepDecision(CU, 'forum', { decision: 'approved' }, AS_DIRECTOR);
    await h.udmeld.sendForApproval(CU, AS_SECRETARIAT);
    await twice();
    expect((await rejected(twice)).kind).toBe('invalid_state');
  });
});
