// A central notice as a process: its phases, the moves between them, and the phase each command
// belongs to. The workflow enforces it; the pages show what is possible from it.

import { APPROVAL_STEP_IDS, APPROVAL_STEPS, type ApprovalStep } from './approval-chain';

const STEP_PHASES = Object.fromEntries(APPROVAL_STEP_IDS.map((step) => [step, APPROVAL_STEPS[step].phase])) as {
  [S in ApprovalStep]: (typeof APPROVAL_STEPS)[S]['phase'];
};

export const CU_PHASES = {
  registered: 'Registreret',
  reporting: 'Indberetning',
  drafting: 'Afrapportering udarbejdes',
  ...STEP_PHASES,
  political: 'Politisk behandling',
  ready: 'Klar til indsendelse',
  submitted: 'Indsendt til Social- og Boligstyrelsen',
  /** A round whose process sends its result nowhere (an occupancy round): done after its chain or councils. */
  completed: 'Afsluttet',
  withdrawn: 'Trukket tilbage',
} as const;
export type CuPhase = keyof typeof CU_PHASES;

/** From a step of the chain: back to the draft, on to any other step (the round's chain says which), or what follows the chain. */
const FROM_A_STEP = Object.fromEntries(
  APPROVAL_STEP_IDS.map((step): [ApprovalStep, readonly CuPhase[]] => [
    step,
    ['drafting', ...APPROVAL_STEP_IDS.filter((s) => s !== step), 'political', 'ready', 'completed'],
  ]),
) as Record<ApprovalStep, readonly CuPhase[]>;

/**
 * The transition table: from each phase, the phases it may move to. Between the draft and the
 * councils, the round's own approval chain (domain/approval-chain.ts) says which step comes next;
 * any step may send the draft back.
 */
export const CU_MOVES: Record<CuPhase, readonly CuPhase[]> = {
  registered: ['reporting', 'withdrawn'],
  reporting: ['drafting', 'withdrawn'],
  drafting: [...APPROVAL_STEP_IDS, 'withdrawn'],
  ...FROM_A_STEP,
  political: ['ready', 'completed'],
  ready: ['submitted'],
  submitted: [],
  completed: [],
  withdrawn: [],
};

/** The phases each command is possible in. */
export const CU_COMMANDS = {
  editCu: ['registered'],
  launchRound: ['registered'],
  extendRound: ['reporting'],
  changeRoundContacts: ['reporting'],
  withdrawCu: ['registered', 'reporting', 'drafting'],
  resendToMunicipality: ['reporting'],
  reopenMunicipality: ['drafting', ...APPROVAL_STEP_IDS],
  restartRespondent: ['reporting'],
  moveNationalDeadline: ['registered', 'reporting', 'drafting', ...APPROVAL_STEP_IDS, 'political', 'ready'],
  closeReporting: ['reporting'],
  editReport: ['drafting', 'oeg'],
  sendForApproval: ['drafting'],
  recordStepDecision: [...APPROVAL_STEP_IDS],
  recordCouncilDecision: ['political'],
  extendCouncilDeadline: ['political'],
  submitReport: ['ready'],
} as const satisfies Record<string, readonly CuPhase[]>;
export type CuCommand = keyof typeof CU_COMMANDS;

export function commandAllowed(command: CuCommand, phase: CuPhase): boolean {
  return (CU_COMMANDS[command] as readonly CuPhase[]).includes(phase);
}

export function canMove(from: CuPhase, to: CuPhase): boolean {
  return CU_MOVES[from].includes(to);
}
