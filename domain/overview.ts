// A CU at a glance for the directors' overview and the lists: progress of the reporting, who is
// overdue, and where the approvals stand.
import { decisionOf, stepRow, type ApprovalStep } from './approval-chain';
import { CU_PHASES } from './cu-process';
import { municipality } from './municipalities';
import { SETTLED } from './municipality-process';
import { overdueDays } from './time';
import { approvalStepSchema, cuPhaseSchema, day, municipalityStatusSchema, timestamp } from './views';
import { z } from './zod';

/** What the overview needs of a CU (one row of db/queries/cu-list.ts). */
export const cuGlanceSchema = z.object({
  cuId: z.string(),
  title: z.string(),
  phase: cuPhaseSchema,
  nationalDeadline: day,
  municipalDeadline: day.optional(),
  /** [code, status, deadline] per municipality in the round. */
  municipalities: z.array(z.tuple([z.string(), municipalityStatusSchema, day])),
  /** The latest decision of a step of the approval chain. */
  lastStep: z.object({ step: approvalStepSchema, decision: z.string() }).optional(),
  councils: z.object({ total: z.number(), decided: z.number() }),
});
export type CuGlance = z.output<typeof cuGlanceSchema>;

/** A CU in the list of CUs. */
export const cuListItemSchema = cuGlanceSchema.extend({ regionCode: z.string(), createdAt: timestamp, submittedAt: timestamp.optional() });
export type CuListItem = z.output<typeof cuListItemSchema>;

export const cuOverviewSchema = z.object({
  cuId: z.string(),
  title: z.string(),
  phase: cuPhaseSchema,
  phaseLabel: z.string(),
  nationalDeadline: day,
  municipalDeadline: day.optional(),
  reporting: z.object({
    total: z.number(),
    answered: z.number(),
    byStatus: z.partialRecord(municipalityStatusSchema, z.number()),
    overdue: z.array(z.object({ code: z.string(), name: z.string(), days: z.number() })),
  }),
  approvals: z.object({
    /** The latest decision in the approval chain, in its step's words. */
    lastStep: z.object({ step: approvalStepSchema, name: z.string(), decision: z.string(), label: z.string() }).optional(),
    councils: z.object({ total: z.number(), decided: z.number(), pending: z.number() }),
  }),
});
export type CuOverview = z.output<typeof cuOverviewSchema>;

/** Overdue days depend on the clock, so they are worked out when read, not stored. */
export function overviewOf(glance: CuGlance, now = Date.now()): CuOverview {
  const byStatus: CuOverview['reporting']['byStatus'] = {};
  for (const [, status] of glance.municipalities) byStatus[status] = (byStatus[status] ?? 0) + 1;
  const overdue = glance.municipalities
    .filter(([, status, deadline]) => !SETTLED.includes(status) && overdueDays(deadline, now) > 0)
    .map(([code, , deadline]) => ({ code, name: municipality(code).name, days: overdueDays(deadline, now) }))
    .sort((a, b) => b.days - a.days);
  return {
    cuId: glance.cuId,
    title: glance.title,
    phase: glance.phase,
    phaseLabel: CU_PHASES[glance.phase],
    nationalDeadline: glance.nationalDeadline,
    ...(glance.municipalDeadline ? { municipalDeadline: glance.municipalDeadline } : {}),
    reporting: {
      total: glance.municipalities.length,
      answered: glance.municipalities.filter(([, status]) => status === 'submitted' || status === 'revision_requested').length,
      byStatus,
      overdue,
    },
    approvals: {
      ...(glance.lastStep ? { lastStep: lastStepOf(glance.lastStep) } : {}),
      councils: { ...glance.councils, pending: glance.councils.total - glance.councils.decided },
    },
  };
}

function lastStepOf({ step, decision }: { step: ApprovalStep; decision: string }) {
  return { step, name: stepRow(step).name, decision, label: decisionOf(step, decision)?.label ?? decision };
}
