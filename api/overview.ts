// The directors' overview, from the CUs' memos; and what directors may see of one CU.
import type { Udmeld } from '../client/udmeld';
import { memoOf, overviewOf, type CuOverview } from '../domain/overview';
import type { CuState } from '../domain/state';

export type { CuOverview };

export function summarize(state: CuState, now = Date.now()): CuOverview {
  return overviewOf(memoOf(state), now);
}

/** One visibility list call: every CU's overview comes from its memo, no workflow is asked. */
export async function overview(udmeld: Udmeld, filter: { region?: string } = {}): Promise<CuOverview[]> {
  const listed = await udmeld.listCus(filter);
  return listed.filter((item) => item.memo).map((item) => overviewOf(item.memo!));
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

