// The approval chain a round's regional report goes through after the secretariat's draft, as data:
// each round carries its steps in order (a region's default, or its own), and after the last step
// the councils and the regional council decide in parallel. Pure: read by the workflows, the API and
// the pages.
import type { RegionCode } from './municipalities';

export const APPROVAL_STEPS = {
  fu: {
    name: 'Forretningsudvalget',
    genitive: 'Forretningsudvalgets',
    phase: 'Til forberedelse i Forretningsudvalget',
    does: 'forbereder indstillingen',
  },
  forum: {
    name: 'Socialdirektørforum',
    genitive: 'Socialdirektørforums',
    phase: 'Til godkendelse i Socialdirektørforum',
    does: 'godkender eller sender retur',
  },
  k22: { name: 'K22', genitive: 'K22’s', phase: 'Til behandling i K22 (kommunaldirektørerne)', does: 'behandler indstillingen' },
  kkr: { name: 'KKR', genitive: 'KKR’s', phase: 'Til behandling i KKR', does: 'træffer beslutning' },
} as const;
export type ApprovalStep = keyof typeof APPROVAL_STEPS;
export const APPROVAL_STEP_IDS = Object.keys(APPROVAL_STEPS) as [ApprovalStep, ...ApprovalStep[]];

export const isApprovalStep = (phase: string): phase is ApprovalStep => phase in APPROVAL_STEPS;

/** Steps whose decision a generic command records (the forum and KKR have commands of their own). */
export const GENERIC_STEPS = ['fu', 'k22'] as const satisfies readonly ApprovalStep[];
export type GenericStep = (typeof GENERIC_STEPS)[number];

/** Region Syddanmark's chain (domain brief); other regions start from the forum and KKR and set their own. */
export const REGION_CHAINS: Record<RegionCode, readonly ApprovalStep[]> = {
  '1083': ['fu', 'forum', 'k22', 'kkr'],
  '1081': ['forum', 'kkr'],
  '1082': ['forum', 'kkr'],
  '1084': ['forum', 'kkr'],
  '1085': ['forum', 'kkr'],
};

/** Rounds launched before the chain was data went from the forum to KKR: their histories replay so. */
export const LEGACY_CHAIN: readonly ApprovalStep[] = ['forum', 'kkr'];

/** What follows a step in a chain: the next step, or the councils after the last. */
export function stepAfter(chain: readonly ApprovalStep[], step: ApprovalStep): ApprovalStep | 'political' {
  const at = chain.indexOf(step);
  return at >= 0 && at < chain.length - 1 ? chain[at + 1]! : 'political';
}

/** How a decision was taken: at a meeting, or by e-mail between meetings (skriftlig behandling). */
export const DECIDED_VIA = { meeting: 'På møde', email: 'Pr. e-mail mellem møderne' } as const;
export type DecidedVia = keyof typeof DECIDED_VIA;

/** A generic step's decision: onwards, or back to the secretariat. */
export const STEP_DECISIONS = { approved: 'Godkendt – videre', returned: 'Sendt retur til sekretariatet' } as const;
export type StepDecision = keyof typeof STEP_DECISIONS;

/** Who is asked for each step's decision and reminded while it waits. */
export const STEP_AUDIENCE: Record<ApprovalStep, 'forum' | 'secretariat'> = {
  fu: 'forum',
  forum: 'forum',
  k22: 'secretariat',
  kkr: 'secretariat',
};
