// The approval chain a round's regional report goes through after the secretariat's draft, as data:
// one row per step, with who is asked, what they are sent, how they are reminded and the words of
// their decisions. A round carries its steps in order (its region's default, or its own); after the
// last step the councils and the regional council decide in parallel. The workflows run one loop
// over the rows, the pages and e-mails read them: a new step is a new row.
import type { RegionCode } from './municipalities';

/** Where a decision leads: on through the chain, or back to the secretariat's draft. */
export type DecisionOutcome = 'onwards' | 'back';

/** Who is asked for a step's decision and reminded while it waits. The forum's members (FU's too)
 * get personal links to the directors' page; K22 and KKR are served by the secretariat. */
export type StepAudience = 'forum' | 'secretariat';

export interface ApprovalStepRow {
  name: string;
  genitive: string;
  /** The CU's phase while the draft is at this step. */
  phase: string;
  /** What the step does with the draft, as the request e-mail and the timeline say it. */
  does: string;
  audience: StepAudience;
  /** Who may record the step's decision: its members themselves (directors), or the secretariat for it. */
  recordedBy: readonly ('director' | 'secretariat')[];
  /** Each decision the step may take: its words, and where it leads. */
  decisions: Record<string, { label: string; outcome: DecisionOutcome }>;
  /** Whether the decision is recorded with the date it was taken (a meeting's, or the e-mail's). */
  dated: boolean;
  /** The e-mails: the request, each reminder, and the secretariat's notice of a return. */
  mail: {
    request: 'approval_request' | 'forum_review';
    reminder: 'approval_reminder' | 'forum_reminder';
    returned: 'approval_returned' | 'forum_returned';
  };
  /** Days between reminders while the step has not decided (a round may set its own). */
  remindEveryDays: number;
  /** Its approval makes the report final: no longer marked as a draft. */
  approvesReport: boolean;
}

const ONWARDS_OR_BACK = {
  approved: { label: 'Godkendt – videre', outcome: 'onwards' },
  returned: { label: 'Sendt retur til sekretariatet', outcome: 'back' },
} as const;

const STEP_MAIL = { request: 'approval_request', reminder: 'approval_reminder', returned: 'approval_returned' } as const;

export const APPROVAL_STEPS = {
  oeg: {
    name: 'Økonomisk arbejdsgruppe',
    genitive: 'Økonomisk arbejdsgruppes',
    phase: 'Til vurdering i Økonomisk arbejdsgruppe',
    does: 'vurderer indberetningerne',
    audience: 'secretariat',
    recordedBy: ['secretariat'],
    decisions: {
      approved: { label: 'Vurderet – videre', outcome: 'onwards' },
      returned: { label: 'Sendt retur til sekretariatet', outcome: 'back' },
    },
    dated: true,
    mail: STEP_MAIL,
    remindEveryDays: 14,
    approvesReport: false,
  },
  fu: {
    name: 'Forretningsudvalget',
    genitive: 'Forretningsudvalgets',
    phase: 'Til forberedelse i Forretningsudvalget',
    does: 'forbereder indstillingen',
    audience: 'forum',
    recordedBy: ['director', 'secretariat'],
    decisions: ONWARDS_OR_BACK,
    dated: true,
    mail: STEP_MAIL,
    remindEveryDays: 14,
    approvesReport: false,
  },
  forum: {
    name: 'Socialdirektørforum',
    genitive: 'Socialdirektørforums',
    phase: 'Til godkendelse i Socialdirektørforum',
    does: 'godkender eller sender retur',
    audience: 'forum',
    recordedBy: ['director', 'secretariat'],
    decisions: {
      approved: { label: 'Godkendt', outcome: 'onwards' },
      noted: { label: 'Taget til efterretning', outcome: 'onwards' },
      returned: { label: 'Sendt retur', outcome: 'back' },
    },
    dated: false,
    mail: { request: 'forum_review', reminder: 'forum_reminder', returned: 'forum_returned' },
    remindEveryDays: 14,
    approvesReport: true,
  },
  k22: {
    name: 'K22',
    genitive: 'K22’s',
    phase: 'Til behandling i K22 (kommunaldirektørerne)',
    does: 'behandler indstillingen',
    audience: 'secretariat',
    recordedBy: ['director', 'secretariat'],
    decisions: ONWARDS_OR_BACK,
    dated: true,
    mail: STEP_MAIL,
    remindEveryDays: 14,
    approvesReport: false,
  },
  kkr: {
    name: 'KKR',
    genitive: 'KKR’s',
    phase: 'Til behandling i KKR',
    does: 'træffer beslutning',
    audience: 'secretariat',
    recordedBy: ['secretariat'],
    decisions: {
      approved: { label: 'Godkendt', outcome: 'onwards' },
      approved_with_remarks: { label: 'Godkendt med bemærkninger', outcome: 'onwards' },
      rejected: { label: 'Ikke godkendt', outcome: 'back' },
    },
    dated: true,
    mail: STEP_MAIL,
    remindEveryDays: 14,
    approvesReport: false,
  },
} as const satisfies Record<string, ApprovalStepRow>;

export type ApprovalStep = keyof typeof APPROVAL_STEPS;
export const APPROVAL_STEP_IDS = Object.keys(APPROVAL_STEPS) as [ApprovalStep, ...ApprovalStep[]];
/** Every decision word of any step (each step allows its own; see `decisionOf`). */
export const STEP_DECISION_IDS = [...new Set(Object.values(APPROVAL_STEPS).flatMap((s) => Object.keys(s.decisions)))] as [
  string,
  ...string[],
];

export const isApprovalStep = (phase: string): phase is ApprovalStep => phase in APPROVAL_STEPS;

/** The step's row, read as the common shape (every row satisfies it). */
export const stepRow = (step: ApprovalStep): ApprovalStepRow => APPROVAL_STEPS[step];

/** A decision the step may take, or undefined when the step has no such word. */
export function decisionOf(step: ApprovalStep, decision: string): { label: string; outcome: DecisionOutcome } | undefined {
  return Object.hasOwn(stepRow(step).decisions, decision) ? stepRow(step).decisions[decision] : undefined;
}

/** Region Syddanmark's chain (domain brief); other regions start from the forum and KKR and set their own. */
export const REGION_CHAINS: Record<RegionCode, readonly ApprovalStep[]> = {
  '1083': ['fu', 'forum', 'k22', 'kkr'],
  '1081': ['forum', 'kkr'],
  '1082': ['forum', 'kkr'],
  '1084': ['forum', 'kkr'],
  '1085': ['forum', 'kkr'],
};

/** What follows the last step: the councils, the submission to the national board, or the end (the round's process says). */
export type AfterChain = 'political' | 'ready' | 'completed';

export function afterChain(process: { councils: boolean; submitTo: 'national_board' | 'none' }): AfterChain {
  return process.councils ? 'political' : afterCouncils(process);
}

export function afterCouncils(process: { submitTo: 'national_board' | 'none' }): 'ready' | 'completed' {
  return process.submitTo === 'national_board' ? 'ready' : 'completed';
}

/** What follows a step in a chain: the next step, or after the last what the round's process says. */
export function stepAfter(chain: readonly ApprovalStep[], step: ApprovalStep, after: AfterChain = 'political'): ApprovalStep | AfterChain {
  const at = chain.indexOf(step);
  return at >= 0 && at < chain.length - 1 ? (chain[at + 1] ?? after) : after;
}

/** How a decision was taken: at a meeting, or by e-mail between meetings (skriftlig behandling). */
export const DECIDED_VIA = { meeting: 'På møde', email: 'Pr. e-mail mellem møderne' } as const;
export type DecidedVia = keyof typeof DECIDED_VIA;

/** A round's chain: the launch's choice, else its process's (its template's), else its region's. */
export function roundChain(
  cu: { regionCode: RegionCode; process: { approvalChain?: readonly ApprovalStep[] } },
  chosen?: readonly ApprovalStep[],
) {
  return [...(chosen ?? cu.process.approvalChain ?? REGION_CHAINS[cu.regionCode])];
}
