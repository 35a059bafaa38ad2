// A municipality's answer and what the secretariat does about it: drafts and submissions (by the
// municipality's own contacts, or the secretariat for it), extension, revision, excuse.
import { answerBody, excuseBody, extendDeadlineBody, requestRevisionBody } from '../domain/commands';
import { parseOrThrow } from '../domain/errors';
import type { Caller } from '../domain/people';
import { municipalityCodeSchema, type z } from '../domain/zod';
import * as msg from '../workflows/messages';
import type { AppContext } from './context';

export { answerBody, excuseBody, extendDeadlineBody, requestRevisionBody };

export function answerCommands(ctx: AppContext) {
  const target = (cuId: string, code: string) => ({ cuId, code: parseOrThrow(municipalityCodeSchema, code) });

  return {
    saveDraft(cuId: string, code: string, input: z.input<typeof answerBody>, caller: Caller, updateId?: string) {
      const at = target(cuId, code);
      ctx.allow(caller, 'saveDraft', at);
      return ctx.municipalityCommand(msg.saveDraft, cuId, at.code, { ...input, municipalityCode: at.code, by: caller.actor }, updateId);
    },

    submitAnswer(cuId: string, code: string, input: z.input<typeof answerBody>, caller: Caller, updateId?: string) {
      const at = target(cuId, code);
      ctx.allow(caller, 'submitAnswer', at);
      return ctx.municipalityCommand(msg.submitAnswer, cuId, at.code, { ...input, municipalityCode: at.code, by: caller.actor }, updateId);
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
