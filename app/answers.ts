// A municipality's answer and what the secretariat does about it: drafts and submissions (by the
// municipality's own contacts, or the secretariat for it), extension, revision, excuse.
import { answerBody, excuseBody, extendDeadlineBody, requestRevisionBody } from '../domain/commands';
import { roundQuestionnaire, storeAnswerUpload } from '../db/queries/answer-uploads';
import { checkAnswer } from '../domain/answer';
import { carriedOver } from '../domain/answer-diff';
import { previousAnswer } from '../db/queries/municipality-view';
import type { Questionnaire } from '../domain/questionnaire';
import { cuIdSchema } from '../domain/cu';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import type { Caller } from '../domain/people';
import { municipalityCodeSchema, type z } from '../domain/zod';
import * as msg from '../workflows/messages';
import type { AppContext } from './context';

export { answerBody, excuseBody, extendDeadlineBody, requestRevisionBody };

export function answerCommands(ctx: AppContext) {
  const target = (cuId: string, code: string) => ({
    cuId: parseOrThrow(cuIdSchema, cuId),
    code: parseOrThrow(municipalityCodeSchema, code),
  });

  // A round's questionnaire is fixed at launch (the CU version it was launched with): kept once read.
  const questionnaires = new Map<string, Questionnaire>();
  const questionnaireOf = async (cuId: string) => {
    const known = questionnaires.get(cuId);
    if (known) return known;
    const found = await ctx.read('Spørgeskemaet', () => roundQuestionnaire(ctx.db, cuId));
    if (found) {
      if (questionnaires.size >= 500) questionnaires.delete(questionnaires.keys().next().value ?? '');
      questionnaires.set(cuId, found);
    }
    return found;
  };

  /**
   * Checks an answer against the questionnaire its round asks (a submission must be complete) and
   * stores it in the record; the workflow's Update then carries only its reference.
   */
  const upload = async (at: { cuId: string; code: string }, input: z.input<typeof answerBody>, complete: boolean) => {
    const { values } = parseOrThrow(answerBody, input);
    const questionnaire = await questionnaireOf(at.cuId);
    if (!questionnaire) throw new UdmeldError('not_found', 'Indberetningen findes ikke (udmeldingen er ukendt eller ikke sendt ud)');
    const checked = checkAnswer(questionnaire, values, complete, 'values');
    if (!checked.ok) throw new UdmeldError('invalid_input', 'Svaret har fejl', checked.issues);
    return ctx.read('Svaret', () => storeAnswerUpload(ctx.db, { cuId: at.cuId, code: at.code, values: checked.value, complete }));
  };

  return {
    async saveDraft(cuId: string, code: string, input: z.input<typeof answerBody>, caller: Caller, updateId?: string) {
      const at = target(cuId, code);
      ctx.allow(caller, 'saveDraft', at);
      const ref = await upload(at, input, false);
      return ctx.municipalityCommand(msg.saveDraft, cuId, at.code, { municipalityCode: at.code, ref, by: caller.actor }, updateId);
    },

    /**
     * Last period's answer copied in as the draft: what of it fits this round's questionnaire (the
     * answers to questions it still asks, and still accepts). The respondent then checks and submits it.
     */
    async copyPreviousAnswer(cuId: string, code: string, caller: Caller, updateId?: string) {
      const at = target(cuId, code);
      ctx.allow(caller, 'saveDraft', at);
      const [questionnaire, previous] = await Promise.all([
        questionnaireOf(at.cuId),
        ctx.read('Sidste periodes svar', () => previousAnswer(ctx.db, at.cuId, at.code)),
      ]);
      if (!questionnaire) throw new UdmeldError('not_found', 'Indberetningen findes ikke (udmeldingen er ukendt eller ikke sendt ud)');
      if (!previous) throw new UdmeldError('not_found', 'Der er intet svar fra sidste periode at kopiere');
      const values = carriedOver(questionnaire, previous.values);
      const ref = await ctx.read('Svaret', () => storeAnswerUpload(ctx.db, { cuId: at.cuId, code: at.code, values, complete: false }));
      return ctx.municipalityCommand(msg.saveDraft, cuId, at.code, { municipalityCode: at.code, ref, by: caller.actor }, updateId);
    },

    async submitAnswer(cuId: string, code: string, input: z.input<typeof answerBody>, caller: Caller, updateId?: string) {
      const at = target(cuId, code);
      ctx.allow(caller, 'submitAnswer', at);
      const ref = await upload(at, input, true);
      return ctx.municipalityCommand(msg.submitAnswer, cuId, at.code, { municipalityCode: at.code, ref, by: caller.actor }, updateId);
    },

    extendDeadline(cuId: string, code: string, input: z.input<typeof extendDeadlineBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'extendDeadline', target(cuId, code));
      return ctx.municipalityCommand(msg.extendDeadline, cuId, code, { ...input, by: caller.actor }, updateId);
    },

    requestRevision(cuId: string, code: string, input: z.input<typeof requestRevisionBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'requestRevision', target(cuId, code));
      return ctx.municipalityCommand(msg.requestRevision, cuId, code, { ...input, by: caller.actor }, updateId);
    },

    excuseMunicipality(cuId: string, code: string, input: z.input<typeof excuseBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'excuseMunicipality', target(cuId, code));
      return ctx.municipalityCommand(msg.excuseMunicipality, cuId, code, { ...input, by: caller.actor }, updateId);
    },
  };
}
