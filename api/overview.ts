// The directors' overview: one status query per open CU, nothing per municipality.
import type { Udmeld } from '../client/udmeld';
import { municipality } from '../domain/municipalities';
import { CU_PHASES, SETTLED, type CuState, type MunicipalityStatus } from '../domain/state';
import { overdueDays } from '../domain/time';

export interface CuOverview {
  cuId: string;
  title: string;
  phase: string;
  phaseLabel: string;
  nationalDeadline: string;
  municipalDeadline?: string;
  reporting: { total: number; answered: number; byStatus: Partial<Record<MunicipalityStatus, number>>; overdue: { code: string; name: string; days: number }[] };
  approvals: { forum?: string; kkr?: string; councils: { total: number; decided: number; pending: number } };
}

export function summarize(state: CuState, now = Date.now()): CuOverview {
  const municipalities = Object.values(state.municipalities);
  const byStatus: CuOverview['reporting']['byStatus'] = {};
  for (const m of municipalities) byStatus[m.status] = (byStatus[m.status] ?? 0) + 1;
  const overdue = municipalities
    .filter((m) => !SETTLED.includes(m.status) && overdueDays(m.deadline, now) > 0)
    .map((m) => ({ code: m.code, name: municipality(m.code).name, days: overdueDays(m.deadline, now) }))
    .sort((a, b) => b.days - a.days);
  const councils = Object.values(state.councils);
  const decided = councils.filter((c) => c.status !== 'pending').length;
  return {
    cuId: state.cu.id,
    title: state.cu.title,
    phase: state.phase,
    phaseLabel: CU_PHASES[state.phase],
    nationalDeadline: state.cu.nationalDeadline,
    ...(state.round ? { municipalDeadline: state.round.deadline } : {}),
    reporting: {
      total: state.round?.municipalities.length ?? 0,
      answered: municipalities.filter((m) => m.answer).length,
      byStatus,
      overdue,
    },
    approvals: {
      ...(state.forum.decisions.length ? { forum: state.forum.decisions.at(-1)!.decision } : {}),
      ...(state.kkr ? { kkr: state.kkr.decision } : {}),
      councils: { total: councils.length, decided, pending: councils.length - decided },
    },
  };
}

export async function overview(udmeld: Udmeld, filter: { region?: string } = {}): Promise<CuOverview[]> {
  const listed = await udmeld.listCus(filter);
  const states = await Promise.all(listed.map((item) => udmeld.status(item.cuId).catch(() => undefined)));
  return states.filter((s): s is CuState => s !== undefined).map((s) => summarize(s));
}

/** What a director may see of a CU: everything but the contacts' addresses and mail errors. */
export function forDirectors(state: CuState): CuState {
  const municipalities = Object.fromEntries(Object.entries(state.municipalities).map(([code, m]) => [code, { ...m, mailFailures: [] }]));
  return {
    ...state,
    ...(state.round ? { round: { ...state.round, contacts: {} } } : {}),
    municipalities,
    mailFailures: [],
  };
}

