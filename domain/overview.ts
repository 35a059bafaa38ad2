// A CU at a glance for the directors' overview and the lists: progress of the reporting, who is
// overdue, and where the approvals stand.
import { decisionOf, stepRow, type ApprovalStep } from './approval-chain';
import { CU_PHASES, type CuPhase } from './cu-process';
import { municipality } from './municipalities';
import { SETTLED, type MunicipalityStatus } from './municipality-process';
import { overdueDays, type IsoDate } from './time';

/** What the overview needs of a CU (one row of db/queries/cu-list.ts). */
export interface CuGlance {
  cuId: string;
  title: string;
  phase: CuPhase;
  nationalDeadline: IsoDate;
  municipalDeadline?: IsoDate;
  /** [code, status, deadline] per municipality in the round. */
  municipalities: [string, MunicipalityStatus, IsoDate][];
  /** The latest decision of a step of the approval chain. */
  lastStep?: { step: ApprovalStep; decision: string };
  councils: { total: number; decided: number };
}

export interface CuOverview {
  cuId: string;
  title: string;
  phase: CuPhase;
  phaseLabel: string;
  nationalDeadline: string;
  municipalDeadline?: string;
  reporting: {
    total: number;
    answered: number;
    byStatus: Partial<Record<MunicipalityStatus, number>>;
    overdue: { code: string; name: string; days: number }[];
  };
  approvals: {
    /** The latest decision in the approval chain, in its step's words. */
    lastStep?: { step: ApprovalStep; name: string; decision: string; label: string };
    councils: { total: number; decided: number; pending: number };
  };
}

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
