// A step of the approval chain, whichever it is (its row in domain/approval-chain.ts says who is
// asked, with which e-mails and how often reminded). With a meeting calendar for the step, it is
// asked for its next meeting whose agenda is still open: the secretariat is reminded of the agenda
// deadline, the step the morning after the meeting if no decision is recorded, and every so many
// days after. Without one, it is reminded every so many days (08:00 on a working day) until it decides.
// The calendar comes with the round and by signal when it changes: the wait is keyed on the step's
// meeting, so a moved meeting re-plans the reminders still ahead.
// A return goes back to the secretariat with the step's remarks.
import { condition } from '@temporalio/workflow';
import { stepRow, type ApprovalStep } from '../../domain/approval-chain';
import { nextMeeting, sameMeeting, stepReminders } from '../../domain/meetings';
import { copenhagenDate } from '../../domain/time';
import type { CuContext } from './context';

export async function awaitStep(ctx: CuContext, step: ApprovalStep): Promise<void> {
  const { state, mail } = ctx;
  const row = stepRow(step);
  const sentAt = state.stepSentAt[step] ?? new Date().toISOString();
  const closedDays = state.round?.settings.reminders.closedDays;
  const askedOn = copenhagenDate(Date.parse(sentAt));
  /** The meeting the step is asked for: its next one whose agenda was open when asked, as the calendar says now. */
  const meetingNow = () =>
    nextMeeting(
      state.meetings.filter((m) => m.body === step),
      askedOn,
      closedDays,
    );
  let meeting = meetingNow();
  const to = [row.audience];
  const { answered = 0, total = 0 } = state.report ?? {};
  void mail.send(`${step}:${sentAt}`, { template: row.mail.request, to, data: { step, answered, total, ...(meeting ? { meeting } : {}) } });
  const everyDays = state.round?.settings.approvalReminderEveryDays ?? row.remindEveryDays;
  let replanned: boolean;
  do {
    replanned = false;
    for (const due of stepReminders(sentAt, meeting, everyDays, closedDays)) {
      // A reminder whose time passed before a changed calendar re-planned them is not sent late.
      if (due.at < Date.now()) continue;
      const changed = () => !sameMeeting(meetingNow(), meeting);
      if (await condition(() => state.phase !== step || changed(), Math.max(1, due.at - Date.now()))) {
        if (state.phase === step) [meeting, replanned] = [meetingNow(), true];
        break;
      }
      const key = `${step}:${sentAt}:${due.key}`;
      if (due.kind === 'agenda' && meeting) {
        void mail.send(key, { template: 'agenda_deadline', to: ['secretariat'], data: { step, meeting }, reminder: `agenda:${key}` });
      } else {
        const data = { step, sentAt, ...(meeting ? { meeting } : {}) };
        void mail.send(key, { template: row.mail.reminder, to, data, reminder: `periodic:${key}` });
      }
    }
  } while (replanned);
  const last = state.lastReturn;
  if (last?.step === step && last.at >= sentAt) {
    void mail.send(`${step}-returned:${last.at}`, {
      template: row.mail.returned,
      to: ['secretariat'],
      data: { step, comment: last.remarks },
    });
  }
}
