// A central notice as a process: its phases, the moves between them, and the phase each command
// belongs to. The workflow enforces it; the pages show what is possible from it.

export const CU_PHASES = {
  registered: 'Registreret',
  reporting: 'Indberetning',
  drafting: 'Afrapportering udarbejdes',
  forum: 'Til godkendelse i Socialdirektørforum',
  kkr: 'Til behandling i KKR',
  political: 'Politisk behandling',
  ready: 'Klar til indsendelse',
  submitted: 'Indsendt til Social- og Boligstyrelsen',
} as const;
export type CuPhase = keyof typeof CU_PHASES;

/** The transition table: from each phase, the phases it may move to. */
export const CU_MOVES: Record<CuPhase, readonly CuPhase[]> = {
  registered: ['reporting'],
  reporting: ['drafting'],
  drafting: ['forum'],
  forum: ['drafting', 'kkr'],
  kkr: ['drafting', 'political'],
  political: ['ready'],
  ready: ['submitted'],
  submitted: [],
};

export const CU_COMMANDS = {
  editCu: ['registered'],
  launchRound: ['registered'],
  extendRound: ['reporting'],
  moveNationalDeadline: ['registered', 'reporting', 'drafting', 'forum', 'kkr', 'political', 'ready'],
  closeReporting: ['reporting'],
  editReport: ['drafting'],
  sendToForum: ['drafting'],
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
