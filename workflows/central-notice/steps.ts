// A step of the approval chain, whichever it is (its row in domain/approval-chain.ts says who is
// asked, with which e-mails and how often reminded): its audience is asked, and reminded every so
// many days until the step decides; a return goes back to the secretariat with the step's remarks.
import { condition } from '@temporalio/workflow';
import { stepRow, type ApprovalStep } from '../../domain/approval-chain';
import type { CuContext } from './context';

export async function awaitStep(ctx: CuContext, step: ApprovalStep): Promise<void> {
  const { state, mail } = ctx;
  const row = stepRow(step);
  const sentAt = state.stepSentAt[step] ?? new Date().toISOString();
  const to = [row.audience];
  const { answered = 0, total = 0 } = state.report ?? {};
  void mail.send(`${step}:${sentAt}`, { template: row.mail.request, to, data: { step, answered, total } });
  const every = (state.round?.settings.approvalReminderEveryDays ?? row.remindEveryDays) * 86_400_000;
  for (let n = 1; !(await condition(() => state.phase !== step, every)); n++) {
    const reminder = `periodic:${step}:${sentAt}:${n}`;
    void mail.send(`${step}:${sentAt}:${n}`, { template: row.mail.reminder, to, data: { step, sentAt }, reminder });
  }
  const last = state.lastReturn;
  if (last?.step === step && last.at >= sentAt) {
    void mail.send(`${step}-returned:${last.at}`, {
      template: row.mail.returned,
      to: ['secretariat'],
      data: { step, comment: last.remarks },
    });
  }
}
