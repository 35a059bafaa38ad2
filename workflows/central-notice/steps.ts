// A step of the approval chain other than the forum (FU, K22, and KKR in rounds started since the
// chain became data): its audience is asked, and reminded every so many days until the step decides;
// a return goes back to the secretariat with the step's remarks.
import { condition } from '@temporalio/workflow';
import { STEP_AUDIENCE, type ApprovalStep } from '../../domain/approval-chain';
import type { CuContext } from './context';

export async function awaitStep(ctx: CuContext, step: ApprovalStep): Promise<void> {
  const { state, mail } = ctx;
  const sentAt = state.stepSentAt[step]!;
  const report = state.report!;
  const to = [STEP_AUDIENCE[step]];
  void mail.send(`${step}:${sentAt}`, { template: 'approval_request', to, data: { step, answered: report.answered, total: report.total } });
  const every = state.round!.settings.approvalReminderEveryDays * 86_400_000;
  for (let n = 1; !(await condition(() => state.phase !== step, every)); n++) {
    void mail.send(`${step}:${sentAt}:${n}`, {
      template: 'approval_reminder',
      to,
      data: { step, sentAt },
      reminder: `periodic:${step}:${sentAt}:${n}`,
    });
  }
  const last = state.lastStepDecision;
  if (last?.step === step && last.decision === 'returned' && last.at >= sentAt) {
    void mail.send(`${step}-returned:${last.at}`, {
      template: 'approval_returned',
      to: ['secretariat'],
      data: { step, comment: last.comment },
    });
  }
}
