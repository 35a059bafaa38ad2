// Recurring rounds: a template's Temporal Schedule (one per template, `runder:<templateId>`), which
// starts the round of the day on the months and day it names, at 08:00 Danish time. Temporal keeps
// the calendar; each change of it is written to the record's trail, and each round it makes is
// registered and launched in the record like any other.
import { MONTHS, ScheduleNotFoundError, ScheduleOverlapPolicy, type ScheduleDescription } from '@temporalio/client';
import { accessEvent } from '../db/queries/people';
import { readTemplate } from '../db/queries/templates';
import { parseOrThrow, UdmeldError } from '../domain/errors';
import { scheduleId, templateOfSchedule } from '../domain/ids';
import type { Caller } from '../domain/people';
import {
  roundScheduleSchema,
  schedulePauseSchema,
  type RoundSchedule,
  type RoundScheduleInput,
  type ScheduleState,
} from '../domain/schedules';
import { MONTHS as DANISH_MONTHS } from '../domain/time';
import type { z } from '../domain/zod';
import { recurringRoundWorkflow } from '../workflows';
import type { AppContext } from './context';

export { roundScheduleSchema, schedulePauseSchema };

const TIMEZONE = 'Europe/Copenhagen';

export function scheduleCommands(ctx: AppContext) {
  const { client, db, config } = ctx;
  const what = 'Tidsplanen';

  const specOf = (s: RoundSchedule) => ({
    calendars: [{ month: s.months.map((m) => MONTHS[m - 1] ?? 'JANUARY'), dayOfMonth: s.day, hour: 8, comment: `Runder: ${s.title}` }],
    timezone: TIMEZONE,
  });
  const actionOf = (s: RoundSchedule) => ({
    type: 'startWorkflow' as const,
    workflowType: recurringRoundWorkflow,
    args: [s] as [RoundSchedule],
    taskQueue: config.temporal.taskQueue,
    workflowId: `runde-fra-tidsplan:${s.templateId}`,
  });

  const stateOf = (d: ScheduleDescription): ScheduleState => {
    const schedule = d.action.args?.[0] as RoundSchedule;
    return {
      id: d.scheduleId,
      schedule,
      paused: d.state.paused,
      ...(d.state.note ? { note: d.state.note } : {}),
      next: d.info.nextActionTimes.map((t) => t.toISOString()),
      recent: d.info.recentActions.map((a) => ({
        scheduledAt: a.scheduledAt.toISOString(),
        startedAt: a.takenAt.toISOString(),
        workflowId: a.action.workflow.workflowId,
      })),
    };
  };

  const handleOf = (templateId: string) => client.schedule.getHandle(scheduleId(templateId));
  const found = (templateId: string) =>
    ctx.call(what, () =>
      handleOf(templateId)
        .describe()
        .catch((err: unknown) => {
          if (err instanceof ScheduleNotFoundError) return undefined;
          throw err;
        }),
    );
  const describe = async (templateId: string): Promise<ScheduleState> => {
    const description = await found(templateId);
    if (!description) throw new UdmeldError('not_found', `Skabelonen "${templateId}" har ingen tidsplan`);
    return stateOf(description);
  };
  const audit = (
    kind: 'schedule_saved' | 'schedule_paused' | 'schedule_resumed' | 'schedule_deleted' | 'schedule_triggered',
    caller: Caller,
    note: string,
  ) => ctx.read('Revisionssporet', () => accessEvent(db, kind, caller.actor, note));
  const inWords = (s: RoundSchedule) =>
    `${scheduleId(s.templateId)}: "${s.title}" den ${s.day}. i ${s.months.map((m) => DANISH_MONTHS[m - 1]).join(', ')}, frist efter ${s.deadlineDays} dage`;

  return {
    async schedules(caller: Caller): Promise<ScheduleState[]> {
      ctx.allow(caller, 'readSchedules');
      const ids: string[] = [];
      await ctx.call(what, async () => {
        for await (const s of client.schedule.list()) if (templateOfSchedule(s.scheduleId)) ids.push(s.scheduleId);
      });
      const states = await Promise.all(ids.map((id) => describe(templateOfSchedule(id) ?? '').catch(() => undefined)));
      return states.filter((s): s is ScheduleState => s !== undefined).sort((a, b) => a.id.localeCompare(b.id));
    },

    schedule(templateId: string, caller: Caller): Promise<ScheduleState> {
      ctx.allow(caller, 'readSchedules');
      return describe(templateId);
    },

    /** Puts a template on a calendar, or changes its calendar (its pause stays as it was). */
    async saveSchedule(input: RoundScheduleInput, caller: Caller): Promise<ScheduleState> {
      ctx.allow(caller, 'writeSchedules');
      const schedule = parseOrThrow(roundScheduleSchema, input);
      if (!(await ctx.read('Skabelonen', () => readTemplate(db, schedule.templateId)))) {
        throw new UdmeldError('invalid_input', 'Ukendt skabelon', [
          { path: 'templateId', message: `Ukendt skabelon: ${schedule.templateId}` },
        ]);
      }
      const handle = handleOf(schedule.templateId);
      const exists = (await found(schedule.templateId)) !== undefined;
      await ctx.call(what, async () => {
        if (exists) await handle.update((prev) => ({ ...prev, spec: specOf(schedule), action: actionOf(schedule) }));
        else
          await client.schedule.create({
            scheduleId: scheduleId(schedule.templateId),
            spec: specOf(schedule),
            action: actionOf(schedule),
            // A round a day at most; one missed while Temporal was down is still made within a week.
            policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
            state: { note: `Oprettet af ${caller.actor.name}` },
          });
      });
      await audit('schedule_saved', caller, inWords(schedule));
      return describe(schedule.templateId);
    },

    async pauseSchedule(templateId: string, input: z.input<typeof schedulePauseSchema>, caller: Caller): Promise<ScheduleState> {
      ctx.allow(caller, 'writeSchedules');
      const { note } = parseOrThrow(schedulePauseSchema, input);
      await describe(templateId);
      await ctx.call(what, () => handleOf(templateId).pause(note || `Sat på pause af ${caller.actor.name}`));
      await audit('schedule_paused', caller, `${scheduleId(templateId)}${note ? `: ${note}` : ''}`);
      return describe(templateId);
    },

    async resumeSchedule(templateId: string, input: z.input<typeof schedulePauseSchema>, caller: Caller): Promise<ScheduleState> {
      ctx.allow(caller, 'writeSchedules');
      const { note } = parseOrThrow(schedulePauseSchema, input);
      await describe(templateId);
      await ctx.call(what, () => handleOf(templateId).unpause(note || `Genoptaget af ${caller.actor.name}`));
      await audit('schedule_resumed', caller, `${scheduleId(templateId)}${note ? `: ${note}` : ''}`);
      return describe(templateId);
    },

    async deleteSchedule(templateId: string, caller: Caller): Promise<{ deleted: string }> {
      ctx.allow(caller, 'writeSchedules');
      await describe(templateId);
      await ctx.call(what, () => handleOf(templateId).delete());
      await audit('schedule_deleted', caller, scheduleId(templateId));
      return { deleted: scheduleId(templateId) };
    },

    /** Makes the round now, as if the calendar had come to it (for a round that is due off the calendar). */
    async runScheduleNow(templateId: string, caller: Caller): Promise<ScheduleState> {
      ctx.allow(caller, 'writeSchedules');
      await describe(templateId);
      await ctx.call(what, () => handleOf(templateId).trigger(ScheduleOverlapPolicy.SKIP));
      await audit('schedule_triggered', caller, scheduleId(templateId));
      return describe(templateId);
    },
  };
}
