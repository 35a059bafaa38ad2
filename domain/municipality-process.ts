// One municipality's reporting as a process: its statuses, and which command each status allows.
// The workflow's validators and the pages (which buttons to show) read the same table.

export const MUNICIPALITY_STATUSES = {
  invited: 'Inviteret',
  draft: 'Kladde gemt',
  submitted: 'Indsendt',
  revision_requested: 'Bedt om revision',
  excused: 'Fritaget',
  not_submitted: 'Ikke indsendt',
} as const;
export type MunicipalityStatus = keyof typeof MUNICIPALITY_STATUSES;

/** Statuses in which the municipality still owes an answer. */
export const AWAITING: readonly MunicipalityStatus[] = ['invited', 'draft', 'revision_requested'];
/** Statuses in which a municipality no longer owes an answer. */
export const SETTLED: readonly MunicipalityStatus[] = ['submitted', 'excused', 'not_submitted'];

export const MUNICIPALITY_COMMANDS = ['saveDraft', 'submitAnswer', 'extendDeadline', 'requestRevision', 'excuseMunicipality'] as const;
export type MunicipalityCommand = (typeof MUNICIPALITY_COMMANDS)[number];

/** The transition table: where each command may be given, and why not elsewhere. */
export const MUNICIPALITY_MOVES: Record<MunicipalityCommand, { from: readonly MunicipalityStatus[]; refused: string }> = {
  saveDraft: { from: AWAITING, refused: 'Der kan ikke gemmes en kladde nu: svaret er allerede indsendt, eller indberetningen er lukket' },
  submitAnswer: { from: AWAITING, refused: 'Svaret er allerede indsendt; sekretariatet kan bede om en revision' },
  extendDeadline: { from: ['invited', 'draft', 'revision_requested', 'submitted', 'not_submitted'], refused: 'Kommunen er fritaget' },
  requestRevision: { from: ['submitted'], refused: 'Der kan kun bedes om revision af et indsendt svar i en åben indberetning' },
  excuseMunicipality: { from: AWAITING, refused: 'Kun en kommune, der endnu ikke har indsendt, kan fritages' },
};

/** Whether a command is possible now (an open round, in a status that allows it). */
export function allowed(command: MunicipalityCommand, status: MunicipalityStatus, closed: boolean): boolean {
  return !closed && MUNICIPALITY_MOVES[command].from.includes(status);
}

/** What the CU knows of each municipality: small, whatever the answers hold. */
export interface MunicipalityRow {
  code: string;
  status: MunicipalityStatus;
  deadline: string;
  answerVersion: number;
  closed: boolean;
}
