// Workflow ids that can be read back: `cu:<cuId>` and `cu:<cuId>:municipality:<code>`.
const CU = /^cu:([a-z0-9][a-z0-9-]{1,62})$/;
const MUNICIPALITY = /^cu:([a-z0-9][a-z0-9-]{1,62}):municipality:(\d{4})$/;

export function cuWorkflowId(cuId: string): string {
  return `cu:${cuId}`;
}

export function municipalityWorkflowId(cuId: string, code: string): string {
  return `cu:${cuId}:municipality:${code}`;
}

export function parseWorkflowId(workflowId: string): { cuId: string; municipalityCode?: string } | undefined {
  const [, cuId, municipalityCode] = MUNICIPALITY.exec(workflowId) ?? [];
  if (cuId && municipalityCode) return { cuId, municipalityCode };
  const [, id] = CU.exec(workflowId) ?? [];
  return id ? { cuId: id } : undefined;
}

/** Id of the n-th renewed treatment (fornyet behandling) of a CU: `<root>-fb<n>`. */
export function renewalCuId(cuId: string, n: number): string {
  return `${cuId.replace(/-fb\d+$/, '')}-fb${n}`;
}

/** A template's recurring rounds: the Temporal Schedule `runder:<templateId>`, one per template. */
const SCHEDULE = /^runder:([a-z0-9][a-z0-9-]{0,39})$/;
export const scheduleId = (templateId: string) => `runder:${templateId}`;
export const templateOfSchedule = (id: string): string | undefined => SCHEDULE.exec(id)?.[1];

/** The CU a schedule makes on a day: `<templateId>-<yyyy-mm-dd>` (one per template and day). */
export const scheduledCuId = (templateId: string, on: string) => `${templateId}-${on}`;

/** A webhook subscription's delivering workflow: `webhook:<subscriptionId>`. */
const WEBHOOK = /^webhook:(wh_[a-z0-9]{16})$/;
export const webhookWorkflowId = (subscriptionId: string) => `webhook:${subscriptionId}`;
export const subscriptionOfWorkflowId = (id: string): string | undefined => WEBHOOK.exec(id)?.[1];
