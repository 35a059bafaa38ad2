// The workflow types. Each loads its own code when a workflow of its type starts, so a cached
// workflow holds only what it runs: a municipality's workflow (thousands may be cached) never
// evaluates zod, which the CU's commands use (see docs/benchmarks.md).
import type { centralNoticeWorkflow as CentralNotice } from './central-notice';
import type { municipalityWorkflow as Municipality } from './municipality';
import type { recurringRoundWorkflow as RecurringRound } from './recurring-round';

export async function centralNoticeWorkflow(...args: Parameters<typeof CentralNotice>): ReturnType<typeof CentralNotice> {
  const workflow = await import(/* webpackMode: "eager" */ './central-notice');
  return workflow.centralNoticeWorkflow(...args);
}

export async function municipalityWorkflow(...args: Parameters<typeof Municipality>): ReturnType<typeof Municipality> {
  const workflow = await import(/* webpackMode: "eager" */ './municipality');
  return workflow.municipalityWorkflow(...args);
}

export async function recurringRoundWorkflow(...args: Parameters<typeof RecurringRound>): ReturnType<typeof RecurringRound> {
  const workflow = await import(/* webpackMode: "eager" */ './recurring-round');
  return workflow.recurringRoundWorkflow(...args);
}

export { agreementCheckWorkflow, retentionWorkflow } from './maintenance';
export { webhookDeliveryWorkflow } from './webhook';
