// A central notice as a process: its phases, the moves between them, and the phase each command
// belongs to. The workflow enforces it; the pages show what is possible from it.

import { APPROVAL_STEP_IDS, APPROVAL_STEPS } from './approval-chain';

export const CU_PHASES = {
  registered: 'Registreret',
  reporting: 'Indberetning',
  drafting: 'Afrapportering udarbejdes',
  fu: APPROVAL_STEPS.fu.phase,
  forum: APPROVAL_STEPS.forum.phase,
  k22: APPROVAL_STEPS.k22.phase,
  kkr: APPROVAL_STEPS.kkr.phase,
  political: 'Politisk behandling',
  ready: 'Klar til indsendelse',
  submitted: 'Indsendt til Social- og Boligstyrelsen',
  withdrawn: 'Trukket tilbage',
} as const;
export type CuPhase = keyof typeof CU_PHASES;

/**
 * The transition table: from each phase, the phases it may move to. Between the draft and the
 * councils, the round's own approval chain (domain/approval-chain.ts) says which step comes next;
 * any step may send the draft back.
 */
export const CU_MOVES: Record<CuPhase, readonly CuPhase[]> = {
  registered: ['reporting', 'withdrawn'],
  reporting: ['drafting', 'withdrawn'],
  drafting: [...APPROVAL_STEP_IDS, 'withdrawn'],
  fu: ['drafting', ...APPROVAL_STEP_IDS.filter((s) => s !== 'fu'), 'political'],
  forum: ['drafting', ...APPROVAL_STEP_IDS.filter((s) => s !== 'forum'), 'political'],
  k22: ['drafting', ...APPROVAL_STEP_IDS.filter((s) => s !== 'k22'), 'political'],
  kkr: ['drafting', ...APPROVAL_STEP_IDS.filter((s) => s !== 'kkr'), 'political'],
  political: ['ready'],
  ready: ['submitted'],
  submitted: [],
  withdrawn: [],
};

export const CU_COMMANDS = {
  editCu: ['registered'],
  launchRound: ['registered'],
  extendRound: ['reporting'],
  changeRoundContacts: ['reporting'],
  withdrawCu: ['registered', 'reporting', 'drafting'],
  resendToMunicipality: ['reporting'],
  reopenMunicipality: ['drafting', ...APPROVAL_STEP_IDS],
  moveNationalDeadline: ['registered', 'reporting', 'drafting', 'fu', 'forum', 'k22', 'kkr', 'political', 'ready'],
  closeReporting: ['reporting'],
  editReport: ['drafting'],
  sendToForum: ['drafting'],
  recordStepDecision: ['fu', 'k22'],
  recordForumDecision: ['forum'],
  recordKkrDecision: ['kkr'],
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
