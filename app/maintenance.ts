// The upkeep's Temporal Schedules, made (or brought up to the configuration) when the system starts:
// the agreement check every CHECK_EVERY_HOURS hours, and the retention run each night at 03:00.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import { agreementCheckWorkflow, retentionWorkflow } from '../workflows';
import type { AppContext } from './context';

export const MAINTENANCE_SCHEDULES = { check: 'vedligehold:kontrol', retention: 'vedligehold:opbevaring' } as const;

export function maintenanceCommands(ctx: AppContext) {
  const { client, config } = ctx;
  const schedules: { id: string; spec: ScheduleSpec; action: ScheduleOptionsAction }[] = [
    {
      id: MAINTENANCE_SCHEDULES.check,
      spec: { intervals: [{ every: `${config.checkEveryHours} hours` }] },
      action: {
        type: 'startWorkflow',
        workflowType: agreementCheckWorkflow,
        args: [],
        taskQueue: config.temporal.taskQueue,
        workflowId: 'vedligehold-kontrol',
      },
    },
    {
      id: MAINTENANCE_SCHEDULES.retention,
      spec: { calendars: [{ hour: 3, comment: 'Opbevaringsperioder' }], timezone: 'Europe/Copenhagen' },
      action: {
        type: 'startWorkflow',
        workflowType: retentionWorkflow,
        args: [],
        taskQueue: config.temporal.taskQueue,
        workflowId: 'vedligehold-opbevaring',
      },
    },
  ];
  return {
    /** Makes the upkeep's schedules, or updates them to the configuration (every API and `npm start` at start). */
    async ensureMaintenanceSchedules(): Promise<void> {
      for (const { id, spec, action } of schedules) {
        try {
          await client.schedule.create({
            scheduleId: id,
            spec,
            action,
            policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
          });
        } catch (err) {
          if (!(err instanceof ScheduleAlreadyRunning)) throw err;
          await client.schedule.getHandle(id).update((prev) => ({ ...prev, spec, action }));
        }
      }
    },
  };
}
