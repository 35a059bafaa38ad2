// A CU at a glance, small enough to live in the workflow's memo: listing CUs then shows progress
// without asking each workflow (or any worker) anything.
import { municipality } from './municipalities';
import { CU_PHASES, SETTLED, type CuPhase, type CuState, type MunicipalityStatus } from './state';
import { overdueDays, type IsoDate } from './time';

/** The memo field that holds a CuMemo. */
export const CU_MEMO = 'overview';

export interface CuMemo {
  v: 1;
  cuId: string;
  title: string;
  phase: CuPhase;
  nationalDeadline: IsoDate;
  municipalDeadline?: IsoDate;
  /** [code, status, deadline] per municipality in the round. */
  municipalities: [string, MunicipalityStatus, IsoDate][];
  forum?: 'approved' | 'returned';
  kkr?: string;
  councils: { total: number; decided: number };
}

export interface CuOverview {
  cuId: string;
  title: string;
  phase: CuPhase;
  phaseLabel: string;
  nationalDeadline: string;
  municipalDeadline?: string;
  reporting: { total: number; answered: number; byStatus: Partial<Record<MunicipalityStatus, number>>; overdue: { code: string; name: string; days: number }[] };
  approvals: { forum?: string; kkr?: string; councils: { total: number; decided: number; pending: number } };
}

export function memoOf(state: CuState): CuMemo {
  const councils = Object.values(state.councils);
  return {
    v: 1,
    cuId: state.cu.id,
    title: state.cu.title,
    phase: state.phase,
    nationalDeadline: state.cu.nationalDeadline,
    ...(state.round ? { municipalDeadline: state.round.deadline } : {}),
    municipalities: Object.values(state.municipalities).map((m) => [m.code, m.status, m.deadline]),
    ...(state.forum.decisions.length ? { forum: state.forum.decisions.at(-1)!.decision } : {}),
    ...(state.kkr ? { kkr: state.kkr.decision } : {}),
    councils: { total: councils.length, decided: councils.filter((c) => c.status !== 'pending').length },
  };
}

/** Overdue days depend on the clock, so they are worked out when read, not stored. */
export function overviewOf(memo: CuMemo, now = Date.now()): CuOverview {
  const byStatus: CuOverview['reporting']['byStatus'] = {};
  for (const [, status] of memo.municipalities) byStatus[status] = (byStatus[status] ?? 0) + 1;
  const overdue = memo.municipalities
    .filter(([, status, deadline]) => !SETTLED.includes(status) && overdueDays(deadline, now) > 0)
    .map(([code, , deadline]) => ({ code, name: municipality(code).name, days: overdueDays(deadline, now) }))
    .sort((a, b) => b.days - a.days);
  return {
    cuId: memo.cuId,
    title: memo.title,
    phase: memo.phase,
    phaseLabel: CU_PHASES[memo.phase],
    nationalDeadline: memo.nationalDeadline,
    ...(memo.municipalDeadline ? { municipalDeadline: memo.municipalDeadline } : {}),
    reporting: {
      total: memo.municipalities.length,
      answered: memo.municipalities.filter(([, status]) => status === 'submitted' || status === 'revision_requested').length,
      byStatus,
      overdue,
    },
    approvals: {
      ...(memo.forum ? { forum: memo.forum } : {}),
      ...(memo.kkr ? { kkr: memo.kkr } : {}),
      councils: { ...memo.councils, pending: memo.councils.total - memo.councils.decided },
    },
  };
}
