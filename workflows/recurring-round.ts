// What a template's Schedule starts each time it fires: the round of the day, made from the template
// and the register (an activity reads them), started as a CU of its own that outlives this workflow.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { cuWorkflowId } from '../domain/ids';
import type { RoundSchedule } from '../domain/schedules';
import { copenhagenDate } from '../domain/time';
import { prepareScheduledRound } from './activities';
import { centralNoticeWorkflow } from './index';

export type RecurringRoundResult = { cuId: string; launched: boolean } | { skipped: string };

export async function recurringRoundWorkflow(schedule: RoundSchedule): Promise<RecurringRoundResult> {
  const prepared = await prepareScheduledRound({ schedule, on: copenhagenDate(Date.now()) });
  if ('skipped' in prepared) return prepared;
  const { start } = prepared;
  try {
    await startChild(centralNoticeWorkflow, {
      workflowId: cuWorkflowId(start.cu.id),
      args: [start],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { skipped: `${start.cu.id} findes allerede` };
    throw err;
  }
  return { cuId: start.cu.id, launched: start.launch !== undefined };
}
