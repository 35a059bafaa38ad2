// A CU at a glance for the directors' overview and the lists: progress of the reporting, who is
// overdue, and where the approvals stand.
import { decisionOf, stepRow, type ApprovalStep } from './approval-chain';
import { CU_PHASES } from './cu-process';
import { municipality } from './municipalities';
import { SETTLED } from './municipality-process';
import { overdueDays } from './time';
import { approvalStepSchema, cuPhaseSchema, day, municipalityStatusSchema, timestamp } from './views';
import { z } from './zod';
import { cuTimeline, timelineSchema, type CuTimeline } from './timeline';
import { chainProjectionSchema } from './chain-projection';
import type { Meeting } from './meetings';

type RegionMeeting = Meeting & { regionCode: string };
import { REGION_COUNCIL } from './commands';
import { isRegion, REGIONS } from './municipalities';

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
  /** The councils' latest deadline while any has not decided. */
  councilsUntil: day.optional(),
  /** Each phase entered, with when. */
  phases: z.array(z.tuple([cuPhaseSchema, timestamp])),
  /** The round's chain and reminder settings (none before launch). */
  chain: z.array(approvalStepSchema).optional(),
  everyDays: z.number().optional(),
  closedDays: z.array(z.string()).optional(),
  process: z.object({ councils: z.boolean(), submitTo: z.enum(['national_board', 'none']) }),
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
  /** When the projection from the meeting calendars ends, and whether that passes the national deadline (a running CU). */
  expected: chainProjectionSchema.shape.end.optional(),
});
export type CuOverview = z.output<typeof cuOverviewSchema>;

/** The overview with each CU's phases done, now and next along the calendar: what the pages draw. */
export const cuOverviewWithTimelineSchema = cuOverviewSchema.extend({ timeline: timelineSchema });
export type CuOverviewWithTimeline = z.output<typeof cuOverviewWithTimelineSchema>;

/** The overview as a list answers it: without the timelines, which are most of its size. */
export function withoutTimeline({ timeline, ...overview }: CuOverviewWithTimeline): CuOverview {
  void timeline;
  return overview;
}

/** Overdue days depend on the clock, so they are worked out when read, not stored. */
export function overviewOf(glance: CuListItem, now = Date.now(), meetings: readonly RegionMeeting[] = []): CuOverviewWithTimeline {
  const byStatus: CuOverview['reporting']['byStatus'] = {};
  const timeline = timelineOf(glance, meetings, now);
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
    ...(timeline.end ? { expected: timeline.end } : {}),
    timeline,
  };
}

function timelineOf(glance: CuListItem, meetings: readonly RegionMeeting[], now: number): CuTimeline {
  const regionCode = glance.regionCode;
  const codes = glance.municipalities.map(([code]) => code).filter((code) => !isRegion(code));
  return cuTimeline(
    {
      phase: glance.phase,
      nationalDeadline: glance.nationalDeadline,
      ...(glance.municipalDeadline ? { municipalDeadline: glance.municipalDeadline } : {}),
      phases: glance.phases,
      chain: glance.chain ?? [],
      ...(glance.everyDays ? { everyDays: glance.everyDays } : {}),
      ...(glance.closedDays ? { closedDays: glance.closedDays } : {}),
      process: glance.process,
      councilCodes: [...codes, REGION_COUNCIL],
      ...(glance.councilsUntil ? { councilsUntil: glance.councilsUntil } : {}),
      regionName: isRegion(regionCode) ? REGIONS[regionCode] : '',
    },
    meetings.filter((m) => m.regionCode === regionCode),
    now,
  );
}

function lastStepOf({ step, decision }: { step: ApprovalStep; decision: string }) {
  return { step, name: stepRow(step).name, decision, label: decisionOf(step, decision)?.label ?? decision };
}
