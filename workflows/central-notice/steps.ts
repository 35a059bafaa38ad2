// A step of the approval chain, whichever it is (its row in domain/approval-chain.ts says who is
// asked, with which e-mails and how often reminded): its audience is asked, and reminded every so
// many days (at 08:00 on a working day) until the step decides; a return goes back to the secretariat with the step's remarks.
import { condition } from '@temporalio/workflow';
import { stepRow, type ApprovalStep } from '../../domain/approval-chain';
import { periodicReminders } from '../../domain/reminders';
import type { CuContext } from './context';

export async function awaitStep(ctx: CuContext, step: ApprovalStep): Promise<void> {
  const { state, mail } = ctx;
  const row = stepRow(step);
  const sentAt = state.stepSentAt[step] ?? new Date().toISOString();
  const to = [row.audience];
  const { answered = 0, total = 0 } = state.report ?? {};
  void mail.send(`${step}:${sentAt}`, { template: row.mail.request, to, data: { step, answered, total } });
  const everyDays = state.round?.settings.approvalReminderEveryDays ?? row.remindEveryDays;
  const closedDays = state.round?.settings.reminders.closedDays;
  for (const { n, at } of periodicReminders(sentAt, everyDays, closedDays)) {
    if (await condition(() => state.phase !== step, Math.max(1, at - Date.now()))) break;
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
