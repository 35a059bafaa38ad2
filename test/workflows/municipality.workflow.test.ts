// One municipality's workflow alone, fast: its timers under time skipping, with in-memory activities.
// Reminders 14, 7 and 2 days before the deadline at 08:00, the escalation to the social director
// the first morning it is overdue, a reminder every 3 days while overdue, and at the hard stop the
// part closes as not submitted; an extension moves every timer still ahead.
import { workingDay } from '../../domain/working-days';
import { projectRound } from '../../domain/projection';
import type { ReminderPlan } from '../../domain/cu';
import { endOfDay } from '../../domain/time';
import { expect, test } from 'vitest';
import { municipalityWorkflowId } from '../../domain/ids';
import { addDays, copenhagenDate, copenhagenInstant, REMINDER_HOUR } from '../../domain/time';
import { SECRETARIAT } from '../../fixtures/round';
import { municipalityWorkflow } from '../../workflows';
import * as msg from '../../workflows/messages';
import { useWorkflowEnv } from '../support/workflow-env';

const DAY = 86_400_000;
const world = useWorkflowEnv();

async function started(cuId: string, deadlineInDays: number, reminders: ReminderPlan = { daysBefore: [14, 7, 2], overdueEveryDays: 3 }) {
  const { env, taskQueue } = world();
  const today = copenhagenDate(await env.currentTimeMs());
  const deadline = addDays(today, deadlineInDays);
  const handle = await env.client.workflow.start(municipalityWorkflow, {
    workflowId: municipalityWorkflowId(cuId, '0461'),
    taskQueue,
    args: [
      {
        cuId,
        code: '0461',
        deadline,
        reminders,
        hardStopDaysAfterDeadline: 10,
      },
    ],
  });
  return { handle, deadline };
}

/** The e-mails of the CU's municipality, and the minute they were asked for (a timer fires a few milliseconds late). */
function sent(cuId: string) {
  return world()
    .memory.mails.filter((m) => m.cuId === cuId)
    .map((m) => ({ template: m.template, to: m.to, at: minute(m.requestedAt) }));
}
const minute = (iso: string) => iso.slice(0, 16);

/** The minute a reminder planned `days` from a deadline goes out: 08:00 on that day, or on the working day before (before the deadline) or after (after it). */
const at = (deadline: string, days: number) =>
  minute(new Date(copenhagenInstant(workingDay(addDays(deadline, days), days < 0 ? -1 : 1), REMINDER_HOUR)).toISOString());

test('reminders before the deadline at 08:00, the escalation, reminders while overdue, and "not submitted" at the hard stop', async () => {
  const { env } = world();
  const { handle, deadline } = await started('hurtig-paamindelser', 20);
  await env.sleep(32 * DAY); // past the hard stop: the deadline and 10 days
  await handle.signal(msg.closeRound);
  expect(await handle.result()).toMatchObject({ status: 'not_submitted', closed: true });
  // On working days: before the deadline moved earlier, after it later; two on one morning go out as one.
  const planned = [
    { template: 'reminder', to: ['contacts'], at: at(deadline, -14) },
    { template: 'reminder', to: ['contacts'], at: at(deadline, -7) },
    { template: 'reminder', to: ['contacts'], at: at(deadline, -2) },
    { template: 'escalation', to: ['director'], at: at(deadline, 1) },
    { template: 'overdue', to: ['contacts'], at: at(deadline, 3) },
    { template: 'overdue', to: ['contacts'], at: at(deadline, 6) },
    { template: 'overdue', to: ['contacts'], at: at(deadline, 9) },
  ]
    .filter((r, i, all) => all.findIndex((o) => o.at === r.at) === i)
    // One moved past the hard stop (the end of the deadline's tenth day after) is not sent.
    .filter((r) => r.at < minute(new Date(endOfDay(addDays(deadline, 10))).toISOString()));
  expect(sent('hurtig-paamindelser')).toEqual([{ template: 'invitation', to: ['contacts'], at: expect.any(String) }, ...planned]);
});

test('an extension moves the reminders still ahead; an answer stops them', async () => {
  const { env } = world();
  const cuId = 'hurtig-forlaenget';
  const { handle, deadline } = await started(cuId, 20);
  await env.sleep(8 * DAY); // past the 14-day reminder
  const later = addDays(deadline, 10);
  const extended = await handle.executeUpdate(msg.extendDeadline.update, { args: [{ deadline: later, reason: 'Ferie', by: SECRETARIAT }] });
  expect(extended).toMatchObject({ status: 'invited', deadline: later });
  await env.sleep(21 * DAY); // past the new deadline's reminders, before it is overdue
  await handle.executeUpdate(msg.excuseMunicipality.update, { args: [{ reason: 'Ingen borgere', by: SECRETARIAT }] });
  const reminders = sent(cuId).filter((m) => m.template === 'reminder');
  expect(reminders.map((m) => m.at)).toEqual([at(deadline, -14), at(later, -14), at(later, -7), at(later, -2)]);
  expect(sent(cuId).map((m) => m.template)).toContain('deadline_extended');
  await handle.signal(msg.closeRound);
  expect(await handle.result()).toMatchObject({ status: 'excused' });
  expect(sent(cuId).filter((m) => m.template === 'escalation')).toEqual([]);
});

test('the launch preview is what the workflows do: every reminder on the day it said, for several plans', async () => {
  const { env } = world();
  const plans: [number, ReminderPlan][] = [
    [20, { daysBefore: [14, 7, 2], overdueEveryDays: 3 }],
    [33, { daysBefore: [10, 5, 1], overdueEveryDays: 2, closedDays: ['12-24', '12-31', '06-05', '01-02'] }],
    [45, { daysBefore: [30, 6], overdueEveryDays: 4, closedDays: [] }],
  ];
  for (const [i, [inDays, plan]] of plans.entries()) {
    const cuId = `hurtig-tidsplan-${i}`;
    const launchAt = await env.currentTimeMs();
    const { handle, deadline } = await started(cuId, inDays, plan);
    const preview = projectRound({
      launchAt,
      deadline,
      reminders: plan,
      hardStopDaysAfterDeadline: 10,
      nationalDeadline: addDays(deadline, 60),
    });
    await env.sleep((inDays + 12) * DAY);
    await handle.signal(msg.closeRound);
    await handle.result();
    const mails = sent(cuId).filter((m) => m.template !== 'invitation');
    const projected = preview.events.filter((e) => ['reminder', 'escalation', 'overdue'].includes(e.kind));
    expect(
      mails.map((m) => [m.template, m.at]),
      cuId,
    ).toEqual(projected.map((e) => [e.kind === 'reminder' ? 'reminder' : e.kind, minute(new Date(e.at).toISOString())]));
    expect(preview.holds).toBe(true);
  }
}, 60_000);
