// What a template's Schedule starts, under time skipping (the time-skipping server has no Schedules
// of its own, so the schedule's action is started as the Schedule starts it; the Schedule itself is
// tested on the dev server in test/integration/schedules.dev-server.test.ts). The round of the day is
// made and launched; the next half-year's round is made in turn with the clock moved on six months,
// and each round's reminders go out on its own timers.
import { expect, test } from 'vitest';
import { cuWorkflowId, scheduledCuId } from '../../domain/ids';
import { addDays, copenhagenDate } from '../../domain/time';
import { ADDRESSES, contactsFor, startCu } from '../../fixtures/round';
import { BUILTIN_TEMPLATES } from '../../domain/templates';
import { scheduledTitle, type RoundSchedule } from '../../domain/schedules';
import { centralNoticeWorkflow, recurringRoundWorkflow } from '../../workflows';
import * as msg from '../../workflows/central-notice/messages';
import { useWorkflowEnv } from '../support/workflow-env';

const DAY = 86_400_000;
const world = useWorkflowEnv();
const CODES = ['0461', '0410', '1083'];
const occupancy = BUILTIN_TEMPLATES.find((t) => t.id === 'belaegning')!;
const schedule: RoundSchedule = {
  templateId: 'belaegning',
  title: 'Belægningsprocenter',
  targetGroup: 'Tilbud med afvigende belægning',
  regionCode: '1083',
  months: [1, 7],
  day: 1,
  deadlineDays: 30,
  dueDays: 90,
};

/** The stand-in for the activity: the round of the day from the template, as the record would give it. */
function prepareFromTemplate({ on }: { on: string }) {
  const cu = startCu(scheduledCuId('belaegning', on), {
    title: scheduledTitle(schedule.title, on),
    issuedOn: on,
    nationalDeadline: addDays(on, schedule.dueDays),
    questionnaire: occupancy.questionnaire,
    process: occupancy.process,
    template: { id: 'belaegning', version: 1 },
  });
  const launch = {
    municipalities: CODES,
    deadline: addDays(on, schedule.deadlineDays),
    reminders: { daysBefore: [7, 2], overdueEveryDays: 3 },
    hardStopDaysAfterDeadline: 30,
    councilReminders: { daysBefore: [7, 2], overdueEveryDays: 7 },
    councilHardStopDaysAfterDeadline: 60,
    approvalChain: occupancy.process.approvalChain ?? [],
    meetings: [],
    contacts: contactsFor(CODES),
    addresses: ADDRESSES,
    baseUrl: 'http://udmeld.test',
  };
  return { start: { cu, by: { role: 'system' as const, name: 'Tidsplan: Belægningsprocenter' }, note: 'Oprettet af tidsplanen', launch } };
}

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(done()).toBe(true);
}

async function fire() {
  const { env, taskQueue } = world();
  return env.client.workflow.execute(recurringRoundWorkflow, {
    workflowId: `runde-fra-tidsplan:belaegning-${await env.currentTimeMs()}`,
    taskQueue,
    args: [schedule],
  });
}

test('each time the schedule fires, the round of the day is made and launched, and runs on its own timers', async () => {
  const { env, memory } = world();
  memory.scheduled = prepareFromTemplate;
  const first = copenhagenDate(await env.currentTimeMs());
  expect(await fire()).toEqual({ cuId: scheduledCuId('belaegning', first), launched: true });
  const firstCu = env.client.workflow.getHandle<typeof centralNoticeWorkflow>(cuWorkflowId(scheduledCuId('belaegning', first)));
  expect((await firstCu.query(msg.cuProcess)).phase).toBe('reporting');
  const invited = () => memory.sent('invitation').filter((m) => m.cuId === scheduledCuId('belaegning', first)).length;
  await waitFor(() => invited() === CODES.length);
  // The same day again: no second round.
  expect(await fire()).toEqual({ skipped: `${scheduledCuId('belaegning', first)} findes allerede` });

  // Six months on, the next half-year's round; the first round's reminders went out meanwhile.
  await env.sleep(182 * DAY);
  const second = copenhagenDate(await env.currentTimeMs());
  expect(await fire()).toEqual({ cuId: scheduledCuId('belaegning', second), launched: true });
  expect(memory.sent('reminder').filter((m) => m.cuId === scheduledCuId('belaegning', first)).length).toBe(CODES.length * 2);
  await waitFor(() => memory.sent('invitation').filter((m) => m.cuId === scheduledCuId('belaegning', second)).length === CODES.length);
  expect(memory.kinds(scheduledCuId('belaegning', second)).slice(0, 2)).toEqual(['registered', 'round_launched']);
});

test('a round the activity cannot make is skipped, with the reason', async () => {
  const { memory } = world();
  memory.scheduled = () => ({ skipped: 'Skabelonen belaegning findes ikke' });
  expect(await fire()).toEqual({ skipped: 'Skabelonen belaegning findes ikke' });
});
