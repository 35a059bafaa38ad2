// The report and its approval: the secretariat's summaries, sending the draft into the round's
// approval chain, each step's decision (recorded by those the step table allows), the councils'
// decisions and deadlines, and the submission to the national board.
import { stepRow, type ApprovalStep } from '../domain/approval-chain';
import { forbidden } from '../domain/errors';
import type { Caller } from '../domain/people';
import type { z } from '../domain/zod';
import * as msg from '../workflows/central-notice/messages';
import type { AppContext } from './context';

/** What is given for a decision; the step and the council are in the address. */
export const stepDecisionBody = msg.recordStepDecision.input.omit({ step: true });
export const councilDecisionBody = msg.recordCouncilDecision.input.omit({ council: true });
export const councilDeadlineBody = msg.extendCouncilDeadline.input.omit({ council: true });
export const editReportBody = msg.editReport.input;

export function approvalCommands(ctx: AppContext) {
  return {
    editReport(cuId: string, input: z.input<typeof editReportBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'editReport', { cuId });
      return ctx.cuCommand(msg.editReport, cuId, input, caller, updateId);
    },

    /** The draft into the first step of the round's approval chain. */
    sendForApproval(cuId: string, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'sendForApproval', { cuId });
      return ctx.cuCommand(msg.sendForApproval, cuId, {}, caller, updateId);
    },

    recordStepDecision(cuId: string, step: ApprovalStep, input: z.input<typeof stepDecisionBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'recordStepDecision', { cuId });
      const { name, recordedBy } = stepRow(step);
      if (caller.role !== 'secretariat' && caller.role !== 'director') throw forbidden();
      if (!recordedBy.includes(caller.role)) throw forbidden(`${name}s beslutning registreres af sekretariatet`);
      return ctx.cuCommand(msg.recordStepDecision, cuId, { ...input, step }, caller, updateId);
    },

    recordCouncilDecision(cuId: string, council: string, input: z.input<typeof councilDecisionBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'recordCouncilDecision', { cuId, council });
      return ctx.cuCommand(msg.recordCouncilDecision, cuId, { ...input, council }, caller, updateId);
    },

    extendCouncilDeadline(cuId: string, council: string, input: z.input<typeof councilDeadlineBody>, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'extendCouncilDeadline', { cuId });
      return ctx.cuCommand(msg.extendCouncilDeadline, cuId, { ...input, council }, caller, updateId);
    },

    submitReport(cuId: string, caller: Caller, updateId?: string) {
      ctx.allow(caller, 'submitReport', { cuId });
      return ctx.cuCommand(msg.submitReport, cuId, {}, caller, updateId);
    },
  };
}
