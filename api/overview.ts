// The directors' overview, from the CUs' memos; and what directors may see of one CU.
import type { Udmeld } from '../client/udmeld';
import { memoOf, overviewOf, type CuOverview } from '../domain/overview';
import type { CuState } from '../domain/state';

export type { CuOverview };

export function summarize(state: CuState, now = Date.now()): CuOverview {
  return overviewOf(memoOf(state), now);
}

/**
 * One visibility list call: every CU's overview comes from its memo. Only a CU started before the
 * memo existed (it never gets one) is asked with a status query.
 */
export async function overview(udmeld: Udmeld, filter: { region?: string } = {}): Promise<CuOverview[]> {
  const listed = await udmeld.listCus(filter);
  const items = await Promise.all(
    listed.map((item) => (item.memo ? overviewOf(item.memo) : udmeld.status(item.cuId).then((state) => summarize(state), () => undefined))),
  );
  return items.filter((item): item is CuOverview => item !== undefined);
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

